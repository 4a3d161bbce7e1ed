package io.gpuledger.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gpuledger.common.Charges;
import java.time.Instant;
import java.util.List;

/**
 * A statement as the API shows it; amounts are decimal strings of token units. A line's top-level
 * amounts are its usage as recorded (voided reports included; a capacity lease's energy, also shown as
 * {@code energy}); a capacity lease's {@code capacityFee}, {@code voids}, {@code adjustments} (other
 * than SLA credits), {@code slaCredits} and {@code net} follow, and
 * net = recorded + capacityFee + voids + adjustments + slaCredits; {@code corrections} lists each void
 * and adjustment of the window.
 */
record StatementJson(String statement, String subjectId, Instant from, Instant to, int tokenDecimals,
                     List<Line> leases, Totals totals, @JsonInclude(JsonInclude.Include.NON_NULL) List<Account> accounts) {

    record Line(String marketplaceId, String leaseId, String providerId, String tenantId, String gpuModel,
                long gpuSecondsRecorded, String chargedUnits, String feeUnits, String providerUnits, Usage voids,
                Amounts adjustments, Amounts slaCredits, Usage net, List<Correction> corrections,
                @JsonInclude(JsonInclude.Include.NON_NULL) Amounts capacityFee,
                @JsonInclude(JsonInclude.Include.NON_NULL) Amounts energy) {
    }

    /**
     * A void ({@code reportId}, the report's period, its GPU-seconds taken back) or an adjustment
     * ({@code adjustmentId}, {@code kind}, {@code amountUnits}); the fields of the other kind are left out.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Correction(String correction, String reportId, String adjustmentId, String kind, String reason,
                      String recordedAt, String periodStart, String periodEnd, Long gpuSeconds, String amountUnits,
                      String chargedUnits, String feeUnits, String providerUnits) {

        static Correction of(StatementCorrection c) {
            boolean isVoid = c.isVoid();
            return new Correction(c.correction(), isVoid ? c.correctionId() : null, isVoid ? null : c.correctionId(),
                    c.adjustmentKind(), c.reason(), c.recordedAt().toString(), text(c.periodStart()),
                    text(c.periodEnd()), isVoid ? c.gpuSeconds() : null,
                    c.amountUnits() == null ? null : c.amountUnits().toString(),
                    c.charges().chargedUnits().toString(), c.charges().feeUnits().toString(),
                    c.charges().providerUnits().toString());
        }

        private static String text(Object value) {
            return value == null ? null : value.toString();
        }
    }

    record Totals(long gpuSecondsRecorded, String chargedUnits, String feeUnits, String providerUnits, Usage voids,
                  Amounts adjustments, Amounts slaCredits, Usage net,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Amounts capacityFee,
                  @JsonInclude(JsonInclude.Include.NON_NULL) Amounts energy) {
    }

    record Usage(long gpuSeconds, String chargedUnits, String feeUnits, String providerUnits) {

        static Usage of(long gpuSeconds, Charges charges) {
            return new Usage(gpuSeconds, charges.chargedUnits().toString(), charges.feeUnits().toString(),
                    charges.providerUnits().toString());
        }
    }

    record Amounts(String chargedUnits, String feeUnits, String providerUnits) {

        static Amounts of(Charges charges) {
            return charges == null ? null : new Amounts(charges.chargedUnits().toString(), charges.feeUnits().toString(),
                    charges.providerUnits().toString());
        }
    }

    record Account(String marketplaceId, String tenantId, String openingBalanceUnits, String depositsUnits,
                   String creditsUnits, String chargesUnits, String heldUnits, String releasedUnits,
                   String closingBalanceUnits) {

        static Account of(TenantAccountLine a) {
            return new Account(a.marketplaceId(), a.tenantId(), a.openingBalanceUnits().toString(),
                    a.depositsUnits().toString(), a.creditsUnits().toString(), a.chargesUnits().toString(),
                    a.heldUnits().toString(), a.releasedUnits().toString(), a.closingBalanceUnits().toString());
        }
    }

    static StatementJson of(Statement statement, int tokenDecimals) {
        List<Line> lines = statement.lines().stream().map(StatementJson::line).toList();
        Charges recorded = statement.totals();
        Totals totals = new Totals(statement.gpuSecondsRecorded(), recorded.chargedUnits().toString(),
                recorded.feeUnits().toString(), recorded.providerUnits().toString(),
                Usage.of(statement.voidedGpuSeconds(), statement.voids()), Amounts.of(statement.adjustments()),
                Amounts.of(statement.slaCredits()),
                Usage.of(statement.gpuSecondsRecorded() + statement.voidedGpuSeconds(), statement.net()),
                Amounts.of(statement.capacityFee()), Amounts.of(statement.energy()));
        List<Account> accounts = statement.accounts() == null ? null
                : statement.accounts().stream().map(Account::of).toList();
        return new StatementJson(statement.kind(), statement.subjectId(), statement.from(), statement.to(),
                tokenDecimals, lines, totals, accounts);
    }

    private static Line line(StatementLine l) {
        return new Line(l.marketplaceId(), l.leaseId(), l.providerId(), l.tenantId(), l.gpuModel(),
                l.gpuSecondsRecorded(), l.charges().chargedUnits().toString(), l.charges().feeUnits().toString(),
                l.charges().providerUnits().toString(), Usage.of(l.voidedGpuSeconds(), l.voids()),
                Amounts.of(l.adjustments()), Amounts.of(l.slaCredits()), Usage.of(l.netGpuSeconds(), l.net()),
                l.corrections().stream().map(Correction::of).toList(), Amounts.of(l.capacityFee()),
                Amounts.of(l.energy()));
    }
}
