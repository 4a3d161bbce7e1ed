package io.gpuledger.security;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.auth.ApiKeys;
import io.gpuledger.auth.Role;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The edges of what a request may be: paths spelled so that a filter and the router might read
 * them differently, odd Authorization headers, query parameters out of range, and the longest
 * identifiers the API accepts.
 */
class RequestEdgesIT extends LedgerIT {

    @Autowired
    ApiKeys apiKeys;

    /** Paths that reach a /v1 route once decoded or normalised: without a key, never served. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/v1/leases/x", "//v1/leases/x", "/v1//leases/x", "/%76%31/leases/x", "/v%31/leases/x",
            "/v1;a=b/leases/x", "/v1/;a=b/leases/x", "/./v1/leases/x", "/x/../v1/leases/x", "/v1/leases/./x",
            "/V1/leases/x", "/v1/statements/marketplace;.csv", "/v1%2Fleases/x", "/v1/audit/verify/",
            "/v1/settlement/epochs/%31"})
    void aPathSpelledAnyWayIsNeverServedWithoutAKey(String path) throws IOException {
        String answer = rawGet(path);
        int status = Integer.parseInt(answer.substring(9, 12));

        assertThat(status).as(path + " answered\n" + answer).isIn(400, 401, 404);
        assertThat(answer).as(path).doesNotContain("INTERNAL_ERROR");
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Basic dGVzdDp0ZXN0",
            "Bearer test-key-auditor-00000001 test-key-auditor-00000001", "Bearer test-key-auditor-0000000",
            "Token test-key-auditor-00000001", "Bearer\ttest-key-auditor-000000011"})
    void anAuthorizationHeaderThatIsNotABearerOfAKnownKeyIs401(String header) throws IOException {
        String answer = rawRequest("GET /v1/audit/verify HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + header
                + "\r\nConnection: close\r\n\r\n");

        assertThat(answer).as(answer).startsWith("HTTP/1.1 401").contains("UNAUTHENTICATED");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"from=+10000-01-01T00:00:00Z", "to=+1000000000-12-31T23:59:59Z", "from=-1000000000-01-01T00:00:00Z",
            "from=0000-01-01T00:00:00Z", "from=2026-11-01", "to=yesterday", "from=2026-11-01T00:00:00%2B01:00",
            "marketplaceId=%00", "marketplaceId=a%00b", "marketplaceId=" + "x%27%20OR%201=1--"})
    void outOfRangeQueryParametersAreRefusedOrAnsweredNeverFailed(String query) {
        for (String key : new String[] {MARKETPLACE_A, AUDITOR}) {
            for (String accept : new String[] {"application/json", "text/csv"}) {
                Response answer = api.get(key, "/v1/statements/marketplace?" + query + "&marketplaceId=mkt-a", accept);
                assertThat(answer.status()).as(query + " " + accept + ": " + answer).isIn(200, 400);
                for (String path : new String[] {"/v1/leases/x?", "/v1/leases/x/events?", "/v1/leases/a%00b?",
                        "/v1/statements/providers/a%00b?", "/v1/audit/events/a%00b/proof?"}) {
                    Response answer2 = api.get(key, path + query);
                    assertThat(answer2.status()).as(path + query + ": " + answer2).isIn(400, 404);
                }
            }
        }
    }

    /** The API accepts identifiers of 128 characters: such a lease must be stored, shown and billed. */
    @Test
    void theLongestIdentifiersTheApiAcceptsAreStoredAndShown() {
        String leaseId = Leases.uniqueId("l").concat("-").concat("l".repeat(117));
        String providerId = "p".repeat(128);
        String tenantId = "t".repeat(128);
        String reportId = "r".repeat(128);
        assertThat(leaseId).hasSize(128);
        String body = Leases.open(leaseId, providerId, tenantId, 8, "2100000", 500, "2026-11-01T00:00:00Z", null)
                .replace("H100-SXM-80GB", "g".repeat(128));

        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage(reportId, "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 3600));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Response lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId);
            assertThat(lease.status()).as(lease.toString()).isEqualTo(200);
            assertThat(lease.json().path("gpuSecondsRecorded").asLong()).isEqualTo(3600);
            assertThat(api.get(MARKETPLACE_A, "/v1/statements/tenants/" + tenantId).body()).contains(leaseId);
        });
    }

    /** Marketplace ids may have 64 characters: such a marketplace can write (its idempotency scope fits). */
    @Test
    void aMarketplaceWithTheLongestIdCanWrite() {
        String key = Leases.uniqueId("test-key-long-marketplace");
        apiKeys.provision(key, "m".repeat(64), Role.MARKETPLACE, "test");

        Response opened = api.post(key, "/v1/leases", Leases.open(Leases.uniqueId("long")));

        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    private String rawGet(String path) throws IOException {
        return rawRequest("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
