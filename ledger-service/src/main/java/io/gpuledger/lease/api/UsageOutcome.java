package io.gpuledger.lease.api;

import io.gpuledger.common.Charges;
import io.gpuledger.common.LedgerRejection;

/** What became of one report: accepted now, accepted before (the first result again), or rejected. */
public record UsageOutcome(Status status, String reportId, Charges charges, LedgerRejection rejection) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    public static UsageOutcome accepted(String reportId, Charges charges) {
        return new UsageOutcome(Status.ACCEPTED, reportId, charges, null);
    }

    public static UsageOutcome duplicate(String reportId, Charges charges) {
        return new UsageOutcome(Status.DUPLICATE, reportId, charges, null);
    }

    public static UsageOutcome rejected(String reportId, LedgerRejection rejection) {
        return new UsageOutcome(Status.REJECTED, reportId, null, rejection);
    }
}
