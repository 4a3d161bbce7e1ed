package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.UsageBook.RecordedReport;
import io.gpuledger.lease.api.Billing;
import io.gpuledger.lease.api.DowntimeReportedEvent;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeasePriceChangedEvent;
import io.gpuledger.lease.api.LeasePricing;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaWindowClosedEvent;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A lease's state as its snapshot stores it (revision {@link #REVISION}): what its rules need, no
 * more. Its size is bounded like the lease's memory: coalesced periods, the recent reports, totals,
 * and the rarer facts (price changes, corrections, disputes, downtime) as their events. A change to
 * this form needs a new revision; snapshots of another revision are passed over and the lease is
 * loaded from its events (LeaseSnapshotJson, LeaseSnapshotConfig).
 *
 * <p>{@code signers} and {@code disputes} are null on a lease without a meterSigner, {@code sla} on a
 * lease without an SLA, {@code feeAccruedThrough} on a lease that is not a capacity lease.
 */
public record LeaseState(String marketplaceId, String leaseId, String tenantId, Billing billing, int gpuCount,
                         int marketplaceFeeBps, Instant startsAt, Instant endsAt, LeasePricing pricing,
                         List<LeasePriceChangedEvent> priceChanges, Instant feeAccruedThrough, Instant closedAt,
                         Signers signers, Usage usage, Disputes disputes, SlaState sla) {

    public static final String REVISION = "1";

    /** The addresses whose signatures the lease's usage carries, and its dispute window. */
    public record Signers(String meterSigner, String tenantSigner, long disputeWindowSeconds) {
    }

    /**
     * The usage book: periods that count, recent reports (oldest first), totals, voids and adjustments
     * by id; {@code feeValue} is a capacity lease's accrued fee value.
     */
    public record Usage(List<Period> periods, List<RecordedReport> recentReports, long reportsRecorded,
                        long gpuSecondsRecorded, long energyWhRecorded, BigInteger usageValue, BigInteger feeValue,
                        BigInteger adjustmentUnits, Map<String, Charges> voids,
                        Map<String, LeaseAdjustedEvent> adjustments) {
    }

    /** A coalesced interval of recorded periods, {@code [start, end)}. */
    public record Period(Instant start, Instant end) {
    }

    /** When each report the tenant did not countersign was recorded, and the disputes and their outcomes. */
    public record Disputes(Map<String, Instant> uncountersignedRecordedAt, List<UsageDisputedEvent> disputes,
                           List<UsageDisputeResolvedEvent> resolutions) {
    }

    /** The SLA, its downtime reports, the unvoided usage value by month (yyyy-MM) and the window closed last. */
    public record SlaState(Sla sla, List<DowntimeReportedEvent> downtime, Map<String, BigInteger> usageValueByMonth,
                           SlaWindowClosedEvent lastClosed) {
    }
}
