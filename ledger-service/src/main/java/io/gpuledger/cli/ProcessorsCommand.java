package io.gpuledger.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code processors}, {@code processors reset NAME} and {@code processors split|merge|release NAME
 * SEGMENT}: the status of the running ledger's event processors, the rebuild of one, and its segment
 * changes, through its operator routes ({@code GET /v1/processors}, {@code POST /v1/processors/NAME/reset},
 * {@code POST /v1/processors/NAME/segments/SEGMENT/split}...). A processor runs in the service, so the service does the
 * reset; the command is its client. The ledger is at LEDGER_URL (default http://localhost:LEDGER_PORT,
 * 8080), called with the OPERATOR key in LEDGER_OPERATOR_KEY (the run command passes its own).
 * Exit 0 on success, 2 on any error, with the service's answer on the error stream.
 */
public final class ProcessorsCommand {

    private static final Set<String> SEGMENT_CHANGES = Set.of("split", "merge", "release");

    private ProcessorsCommand() {
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        String key = env.get("LEDGER_OPERATOR_KEY");
        if (key == null || key.isBlank()) {
            err.println("processors refused: set LEDGER_OPERATOR_KEY to an OPERATOR key of the ledger");
            return 2;
        }
        String base = env.getOrDefault("LEDGER_URL", "http://localhost:" + env.getOrDefault("LEDGER_PORT", "8080"));
        HttpRequest request;
        if (args.length == 1) {
            request = authorized(base + "/v1/processors", key).GET().build();
        } else if (args.length == 3 && args[1].equals("reset")) {
            request = post(base + "/v1/processors/" + args[2] + "/reset", key, "reset");
        } else if (args.length == 4 && SEGMENT_CHANGES.contains(args[1])) {
            request = post(base + "/v1/processors/" + args[2] + "/segments/" + args[3] + "/" + args[1], key, args[1]);
        } else {
            err.println("usage: processors | processors reset NAME | processors split|merge|release NAME SEGMENT");
            return 2;
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                err.println(args[0] + " failed: " + response.statusCode() + " " + response.body());
                return 2;
            }
            out.println(response.body());
            return 0;
        } catch (IOException e) {
            err.println(args[0] + " failed: no ledger answered at " + base + ": " + e.getClass().getSimpleName());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static HttpRequest post(String url, String key, String change) {
        return authorized(url, key).header("Idempotency-Key", "cli-" + change + "-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.noBody()).build();
    }

    private static HttpRequest.Builder authorized(String url, String key) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
    }
}
