package io.gpuledger.auth;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.MKT_B;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import io.gpuledger.support.Projections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who may do what: API keys, roles, and one marketplace never seeing or touching another's leases. */
class AccessApiIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private EventProcessingConfiguration processing;
    private LedgerTables tables;
    private String leaseId;
    private String providerId;
    private String tenantId;

    @BeforeEach
    void openALeaseOfMarketplaceA() {
        tables = new LedgerTables(jdbc);
        String u = UUID.randomUUID().toString().substring(0, 8);
        leaseId = "acc-" + u;
        providerId = "secret-provider-" + u;
        tenantId = "secret-tenant-" + u;
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId, providerId, tenantId, 8,
                "2100000", 500, "2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        Response usage = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800));
        assertThat(usage.status()).as(usage.toString()).isEqualTo(201);
        new Projections(processing, tables).awaitCaughtUp();
    }

    @Test
    void rejectsEveryRouteWithoutAKey() {
        for (Response response : everyRouteAs(null)) {
            assertProblem(response, 401, "UNAUTHENTICATED");
            assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
        }
    }

    @Test
    void rejectsEveryRouteWithAnUnknownKey() {
        for (Response response : everyRouteAs("not-a-key-this-ledger-knows")) {
            assertProblem(response, 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void rejectsAKeyThatIsNotABearerToken() {
        Response basic = api.send("GET", "/v1/leases/" + leaseId,
                Map.of("Authorization", "Basic " + MARKETPLACE_A, "Accept", "application/json"), null);
        assertProblem(basic, 401, "UNAUTHENTICATED");
        Response bare = api.send("GET", "/v1/leases/" + leaseId,
                Map.of("Authorization", MARKETPLACE_A, "Accept", "application/json"), null);
        assertProblem(bare, 401, "UNAUTHENTICATED");
    }

    @Test
    void forbidsAuditorsAndOperatorsToWrite() {
        for (String key : List.of(AUDITOR, OPERATOR)) {
            for (String[] write : writes()) {
                Response forbidden = tables.unchangedBy(() -> api.post(key, write[0], write[1]));
                assertProblem(forbidden, 403, "FORBIDDEN");
            }
        }
    }

    @Test
    void letsAuditorsAndOperatorsReadALeaseWhoseIdIsUnique() {
        for (String key : List.of(AUDITOR, OPERATOR)) {
            JsonNode lease = api.get(key, "/v1/leases/" + leaseId).json();
            assertThat(lease.path("marketplaceId").asText()).isEqualTo(MKT_A);
            assertThat(lease.path("chargedUnits").asText()).isEqualTo("16800000");
        }
    }

    @Test
    void hidesAnotherMarketplacesLeaseOnEveryRoute() {
        String path = "/v1/leases/" + leaseId;

        List<Response> answers = List.of(
                assertNotFound(api.get(MARKETPLACE_B, path)),
                assertNotFound(api.get(MARKETPLACE_B, path + "?marketplaceId=" + MKT_A)),
                assertNotFound(tables.unchangedBy(() -> api.post(MARKETPLACE_B, path + "/price",
                        Leases.price("1", "2026-11-02T00:00:00Z")))),
                assertNotFound(tables.unchangedBy(() -> api.post(MARKETPLACE_B, path + "/close",
                        Leases.close("EXPIRED", "2026-11-02T00:00:00Z")))),
                assertNotFound(tables.unchangedBy(() -> api.post(MARKETPLACE_B, path + "/usage",
                        Leases.usage("r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 1)))),
                assertNotFound(tables.unchangedBy(() -> api.post(MARKETPLACE_B, path + "/usage",
                        Leases.usage("r-1", "2026-11-01T00:00:00Z", "2026-11-01T01:00:00Z", 28800)))));
        Response batch = tables.noEventsAppendedBy(() -> api.post(MARKETPLACE_B, "/v1/usage:batch",
                Leases.batch(List.of(Leases.batchReport(leaseId, "r-1", "2026-11-01T00:00:00Z",
                        "2026-11-01T01:00:00Z", 28800)))));
        assertThat(batch.json().path("results").get(0).path("code").asText()).isEqualTo("LEASE_NOT_FOUND");
        Response providers = api.get(MARKETPLACE_B, "/v1/statements/providers/" + providerId);
        Response tenants = api.get(MARKETPLACE_B, "/v1/statements/tenants/" + tenantId, "text/csv");
        Response marketplace = api.get(MARKETPLACE_B, "/v1/statements/marketplace?marketplaceId=" + MKT_A);
        assertThat(providers.json().path("leases")).isEmpty();
        assertThat(tenants.body().split("\r\n")).hasSize(2);

        for (Response answer : answers) {
            assertThat(answer.body()).doesNotContain(providerId).doesNotContain(tenantId).doesNotContain("16800000");
        }
        // Statements echo the subject asked for, but name none of A's leases or amounts.
        for (Response answer : List.of(batch, providers, tenants, marketplace)) {
            assertThat(answer.body()).doesNotContain(MKT_A + "\",\"leaseId\":\"" + leaseId)
                    .doesNotContain(MKT_A + "," + leaseId).doesNotContain("16800000");
        }
        assertThat(tables.eventsOf(MKT_A, leaseId)).isEqualTo(2);
        assertThat(tables.eventsOf(MKT_B, leaseId)).isZero();
    }

    @Test
    void asksAuditorsToNameTheMarketplaceWhenTwoShareALeaseId() {
        Response other = api.post(MARKETPLACE_B, "/v1/leases", Leases.open(leaseId, "prov-b", "tenant-b", 1,
                "1000", 0, "2026-11-01T00:00:00Z", null));
        assertThat(other.status()).as(other.toString()).isEqualTo(201);
        new Projections(processing, tables).awaitCaughtUp();

        for (String key : List.of(AUDITOR, OPERATOR)) {
            Response ambiguous = api.get(key, "/v1/leases/" + leaseId);
            assertProblem(ambiguous, 409, "AMBIGUOUS_LEASE_ID");
            assertThat(errorFields(ambiguous)).containsExactly("marketplaceId");
            assertThat(ambiguous.body()).doesNotContain(providerId).doesNotContain("prov-b");
            assertThat(api.get(key, "/v1/leases/" + leaseId + "?marketplaceId=" + MKT_A).json().path("providerId")
                    .asText()).isEqualTo(providerId);
            assertThat(api.get(key, "/v1/leases/" + leaseId + "?marketplaceId=" + MKT_B).json().path("providerId")
                    .asText()).isEqualTo("prov-b");
        }
        await().untilAsserted(() -> assertThat(api.get(MARKETPLACE_B, "/v1/leases/" + leaseId).json()
                .path("providerId").asText()).isEqualTo("prov-b"));
        assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json().path("providerId").asText())
                .isEqualTo(providerId);
    }

    private static Response assertNotFound(Response response) {
        assertProblem(response, 404, "LEASE_NOT_FOUND");
        return response;
    }

    /** Every route of the contract that exists now, called with {@code key} (null: no Authorization). */
    private List<Response> everyRouteAs(String key) {
        List<Response> responses = new java.util.ArrayList<>();
        responses.add(api.get(key, "/v1/leases/" + leaseId));
        responses.add(api.get(key, "/v1/statements/providers/" + providerId));
        responses.add(api.get(key, "/v1/statements/tenants/" + tenantId, "text/csv"));
        responses.add(api.get(key, "/v1/statements/marketplace"));
        for (String[] write : writes()) {
            responses.add(tables.unchangedBy(() -> api.post(key, write[0], write[1])));
        }
        return responses;
    }

    /** Each POST route with a body that would be accepted from marketplace A. */
    private List<String[]> writes() {
        String path = "/v1/leases/" + leaseId;
        return List.of(
                new String[] {"/v1/leases", Leases.open(Leases.uniqueId("lease"))},
                new String[] {path + "/price", Leases.price("1800000", "2026-11-02T00:00:00Z")},
                new String[] {path + "/close", Leases.close("EXPIRED", "2026-11-02T00:00:00Z")},
                new String[] {path + "/usage", Leases.usage("r-2", "2026-11-01T01:00:00Z", "2026-11-01T02:00:00Z", 1)},
                new String[] {"/v1/usage:batch", Leases.batch(List.of(Leases.batchReport(leaseId, "r-3",
                        "2026-11-01T02:00:00Z", "2026-11-01T03:00:00Z", 1)))});
    }
}
