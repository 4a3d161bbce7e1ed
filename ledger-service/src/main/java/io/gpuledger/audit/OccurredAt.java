package io.gpuledger.audit;

import io.gpuledger.lease.api.LeaseClosedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.time.Instant;

/**
 * When the fact an event records happened in the world, as opposed to when the ledger recorded it:
 * a price change at its effectiveFrom, a close at its closedAt, usage at the end of its latest
 * period. Opening a lease happens when it is recorded.
 */
final class OccurredAt {

    private OccurredAt() {
    }

    static String of(Object event, String recordedAt) {
        Instant occurred = null;
        if (event instanceof LeasePriceChangedEvent changed) {
            occurred = changed.effectiveFrom();
        } else if (event instanceof LeaseClosedEvent closed) {
            occurred = closed.closedAt();
        } else if (event instanceof UsageRecordedEvent usage) {
            occurred = latestPeriodEnd(usage);
        }
        // As the stored JSON writes an instant (ISO-8601, as Instant.toString does).
        return occurred == null ? recordedAt : occurred.toString();
    }

    private static Instant latestPeriodEnd(UsageRecordedEvent usage) {
        Instant latest = null;
        for (RecordedUsage report : usage.reports()) {
            if (latest == null || report.periodEnd().isAfter(latest)) {
                latest = report.periodEnd();
            }
        }
        return latest;
    }
}
