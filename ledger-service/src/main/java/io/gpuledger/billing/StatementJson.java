package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import java.time.Instant;
import java.util.List;

/** A statement as the API shows it; amounts are decimal strings of token units. */
record StatementJson(String statement, String subjectId, Instant from, Instant to, int tokenDecimals,
                     List<Line> leases, Totals totals) {

    record Line(String marketplaceId, String leaseId, String providerId, String tenantId, String gpuModel,
                long gpuSecondsRecorded, String chargedUnits, String feeUnits, String providerUnits) {
    }

    record Totals(long gpuSecondsRecorded, String chargedUnits, String feeUnits, String providerUnits) {
    }

    static StatementJson of(Statement statement, int tokenDecimals) {
        List<Line> lines = statement.lines().stream().map(l -> new Line(l.marketplaceId(), l.leaseId(),
                l.providerId(), l.tenantId(), l.gpuModel(), l.gpuSecondsRecorded(),
                l.charges().chargedUnits().toString(), l.charges().feeUnits().toString(),
                l.charges().providerUnits().toString())).toList();
        Charges totals = statement.totals();
        return new StatementJson(statement.kind(), statement.subjectId(), statement.from(), statement.to(),
                tokenDecimals, lines, new Totals(statement.gpuSecondsRecorded(), totals.chargedUnits().toString(),
                totals.feeUnits().toString(), totals.providerUnits().toString()));
    }
}
