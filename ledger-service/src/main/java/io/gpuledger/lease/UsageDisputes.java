package io.gpuledger.lease;

import io.gpuledger.lease.api.DisputeOutcome;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;

/**
 * What a lease with signers knows of disputes: when each report the tenant did not countersign was
 * recorded (its window runs from then), the disputes and their outcomes. A member of the lease
 * aggregate with event-sourcing handlers of its own, so the lease's usage handlers stay as they are.
 * A lease without signers keeps nothing here.
 */
public class UsageDisputes {

    private Long windowSeconds;
    private final Map<String, Instant> uncountersignedRecordedAt = new HashMap<>();
    private final Map<String, UsageDisputedEvent> disputes = new HashMap<>();
    private final Map<String, UsageDisputeResolvedEvent> resolutions = new HashMap<>();

    boolean hasWindow() {
        return windowSeconds != null;
    }

    /** When the report was recorded, or null when the tenant countersigned it (or it is unknown). */
    Instant recordedAt(String reportId) {
        return uncountersignedRecordedAt.get(reportId);
    }

    Instant windowEnd(Instant recordedAt) {
        return recordedAt.plusSeconds(windowSeconds);
    }

    UsageDisputedEvent dispute(String reportId) {
        return disputes.get(reportId);
    }

    UsageDisputeResolvedEvent resolution(String reportId) {
        return resolutions.get(reportId);
    }

    @EventSourcingHandler
    void on(LeaseOpenedEvent event) {
        windowSeconds = event.meterSigner() == null ? null : event.disputeWindowSeconds();
    }

    @EventSourcingHandler
    void on(UsageRecordedEvent event, @Timestamp Instant recordedAt) {
        if (windowSeconds == null) {
            return;
        }
        for (RecordedUsage report : event.reports()) {
            if (!report.countersigned()) {
                uncountersignedRecordedAt.put(report.reportId(), recordedAt);
            }
        }
    }

    @EventSourcingHandler
    void on(UsageDisputedEvent event) {
        disputes.put(event.reportId(), event);
    }

    @EventSourcingHandler
    void on(UsageDisputeResolvedEvent event) {
        resolutions.put(event.reportId(), event);
    }

    /** The outcome of the report's dispute, or null when it was not resolved. */
    DisputeOutcome outcome(String reportId) {
        UsageDisputeResolvedEvent resolved = resolutions.get(reportId);
        return resolved == null ? null : resolved.outcome();
    }
}
