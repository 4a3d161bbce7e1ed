package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.UsageBook.RecordedReport;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lease's state as its snapshot stores it (revision {@link #REVISION}): what its rules need, no
 * more. Its size is bounded like the lease's memory: coalesced periods, the recent reports, totals
 * and the corrections. A change to this form needs a new revision; snapshots of another revision
 * are ignored and the lease is loaded from its events (LeaseSnapshotJson).
 */
public record LeaseState(String marketplaceId, String leaseId, String tenantId, Billing billing, int gpuCount,
                         int marketplaceFeeBps, Instant startsAt, Instant endsAt, Map<Instant, BigInteger> pricesFrom,
                         Instant closedAt, Usage usage) {

    public static final String REVISION = "1";

    /** The usage book: periods that count, recent reports (oldest first), totals, voids and adjustments by id. */
    public record Usage(List<Period> periods, List<RecordedReport> recentReports, long reportsRecorded,
                        long gpuSecondsRecorded, BigInteger usageValue, BigInteger adjustmentUnits,
                        Map<String, Charges> voids, Map<String, LeaseAdjustedEvent> adjustments) {
    }

    /** A coalesced interval of recorded periods, {@code [start, end)}. */
    public record Period(Instant start, Instant end) {
    }
}
