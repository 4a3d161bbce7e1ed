package io.gpuledger.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/** The ledger's HTTP API as one marketplace's clients call it, over one or more instances chosen round-robin. */
final class BenchHttp {

    private static final int TENANTS = 200;
    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();
    private final String key;
    private final List<String> baseUrls;

    BenchHttp(String key, List<String> baseUrls) {
        this.key = key;
        this.baseUrls = List.copyOf(baseUrls);
    }

    HttpRequest post(String path, String body) {
        return post(0, path, body);
    }

    /** To one of the instances, chosen round-robin by {@code instance}. */
    HttpRequest post(int instance, String path, String body) {
        return HttpRequest.newBuilder(URI.create(baseUrls.get(Math.floorMod(instance, baseUrls.size())) + path))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .timeout(Duration.ofSeconds(120))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(baseUrls.get(0) + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(60)).GET().build();
    }

    /**
     * Sends the request, once more if the connection was dropped before an answer (a keep-alive connection the
     * server closed while the clients were idle): the same request carries the same Idempotency-Key, so the
     * ledger applies it once either way.
     */
    HttpResponse<String> send(HttpRequest request) {
        try {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException dropped) {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** A usage batch's answer: the reports it accepted; anything but a 200 ends the benchmark. */
    long sendBatch(int instance, String body) {
        HttpResponse<String> response = send(post(instance, "/v1/usage:batch", body));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("batch failed: " + response.body());
        }
        return UsageReports.accepted(response.body());
    }

    /**
     * Opens the leases, 5 per tenant; prepaid ones after their tenants are topped up far beyond what
     * the run can spend, so that every report draws on a balance and none is held.
     */
    void openLeases(int leases, String billing, int firstLease, String terms) {
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        if (billing.equals("PREPAID") && firstLease == 0) {
            for (int tenant = 0; tenant < TENANTS; tenant++) {
                pending.add(sendAsync(post("/v1/tenants/tenant-" + tenant + "/deposits", """
                        {"depositId":"top-up","kind":"DEPOSIT","amountUnits":"1000000000000000000000000"}""")));
                if (pending.size() == 16) {
                    awaitCreated(pending);
                }
            }
            awaitCreated(pending);
        }
        for (int i = 0; i < leases; i++) {
            String body = """
                    {"leaseId":"lease-%05d","providerId":"prov-%d","providerPayoutAddress":"0x%040x",
                     "tenantId":"tenant-%d","gpuModel":"H100-SXM-80GB","gpuCount":%d,"priceUnitsPerGpuHour":"2100000",
                     "marketplaceFeeBps":500,"startsAt":"%s","billing":"%s"%s}""".formatted(firstLease + i, i % 50, i + 1,
                    i % TENANTS, UsageReports.GPUS, UsageReports.LEASE_START, billing, terms);
            pending.add(sendAsync(post("/v1/leases", body)));
            if (pending.size() == 16) {
                awaitCreated(pending);
            }
        }
        awaitCreated(pending);
    }

    private static void awaitCreated(List<CompletableFuture<HttpResponse<String>>> pending) {
        for (CompletableFuture<HttpResponse<String>> response : pending) {
            if (response.join().statusCode() != 201) {
                throw new IllegalStateException("open failed: " + response.join().body());
            }
        }
        pending.clear();
    }
}
