package io.gpuledger.lease.api;

import io.gpuledger.common.Charges;
import io.gpuledger.common.LedgerRejection;
import java.time.Instant;

/**
 * What became of one report: accepted now, accepted before (the first result again), or rejected.
 * An accepted report on a prepaid lease may be {@code held} (it overdrew its tenant); the one that
 * overdrew also names when it closed the lease ({@code leaseClosedAt}, null otherwise).
 */
public record UsageOutcome(Status status, String reportId, Charges charges, LedgerRejection rejection, boolean held,
                           Instant leaseClosedAt) {

    public enum Status { ACCEPTED, DUPLICATE, REJECTED }

    public static UsageOutcome accepted(String reportId, Charges charges) {
        return new UsageOutcome(Status.ACCEPTED, reportId, charges, null, false, null);
    }

    public static UsageOutcome duplicate(String reportId, Charges charges) {
        return new UsageOutcome(Status.DUPLICATE, reportId, charges, null, false, null);
    }

    public static UsageOutcome rejected(String reportId, LedgerRejection rejection) {
        return new UsageOutcome(Status.REJECTED, reportId, null, rejection, false, null);
    }

    /** This outcome, its charges held; {@code leaseClosedAt} when holding them closed the lease. */
    public UsageOutcome heldClosingAt(Instant leaseClosedAt) {
        return new UsageOutcome(status, reportId, charges, rejection, true, leaseClosedAt);
    }
}
