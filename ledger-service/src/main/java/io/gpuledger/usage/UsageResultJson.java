package io.gpuledger.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.usage.api.UsageOutcome;
import java.math.BigInteger;
import java.util.List;

/** One report's result as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UsageResultJson(String leaseId, String reportId, String status, String chargedUnits, String feeUnits,
                       String providerUnits, String code, String message, List<FieldProblem> errors) {

    static UsageResultJson of(String leaseId, UsageOutcome outcome) {
        if (outcome.status() == UsageOutcome.Status.REJECTED) {
            return rejected(leaseId, outcome.reportId(), outcome.rejection().code().name(),
                    outcome.rejection().getMessage(), outcome.rejection().field() == null ? null
                            : List.of(new FieldProblem(outcome.rejection().field(), outcome.rejection().getMessage())));
        }
        return new UsageResultJson(leaseId, outcome.reportId(), outcome.status().name(),
                digits(outcome.charges().chargedUnits()), digits(outcome.charges().feeUnits()),
                digits(outcome.charges().providerUnits()), null, null, null);
    }

    /** The same digits as BigInteger.toString, through Long.toString's cheaper path when they fit. */
    private static String digits(BigInteger units) {
        return units.bitLength() < Long.SIZE ? Long.toString(units.longValue()) : units.toString();
    }

    static UsageResultJson rejected(String leaseId, String reportId, String code, String message,
                                    List<FieldProblem> errors) {
        return new UsageResultJson(leaseId, reportId, "REJECTED", null, null, null, code, message, errors);
    }
}
