package io.gpuledger.platform;

import static io.gpuledger.support.ProblemAssertions.assertProblem;
import static io.gpuledger.support.ProblemAssertions.errorFields;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.LedgerTables;
import io.gpuledger.support.Leases;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The generic rejections of the HTTP layer: also problem+json with a stable code. */
class ProblemResponsesIT extends LedgerIT {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void answersNotFoundForAnUnknownRoute() {
        assertProblem(api.get(MARKETPLACE_A, "/v1/nothing-here"), 404, "NOT_FOUND");
        assertProblem(api.get(null, "/v1/nothing-here"), 401, "UNAUTHENTICATED");
    }

    @Test
    void answersMethodNotAllowedForAMethodARouteDoesNotTake() {
        String leaseId = Leases.uniqueId("lease");
        Map<String, String> headers = Map.of("Authorization", "Bearer " + MARKETPLACE_A,
                "Content-Type", "application/json", "Idempotency-Key", leaseId);
        LedgerTables tables = new LedgerTables(jdbc);

        assertProblem(tables.unchangedBy(() -> api.send("DELETE", "/v1/leases/" + leaseId, headers, null)), 405,
                "METHOD_NOT_ALLOWED");
        assertProblem(tables.unchangedBy(() -> api.send("PUT", "/v1/leases/" + leaseId, headers,
                Leases.open(leaseId))), 405, "METHOD_NOT_ALLOWED");
        assertProblem(api.get(MARKETPLACE_A, "/v1/usage:batch"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void answersNotAcceptableForARepresentationARouteDoesNotHave() {
        assertProblem(api.get(MARKETPLACE_A, "/v1/leases/" + Leases.uniqueId("lease"), "text/csv"), 406,
                "NOT_ACCEPTABLE");
        Response xml = api.get(MARKETPLACE_A, "/v1/statements/marketplace", "application/xml");
        assertProblem(xml, 406, "NOT_ACCEPTABLE");
        assertThat(errorFields(xml)).containsExactly("Accept");
    }
}
