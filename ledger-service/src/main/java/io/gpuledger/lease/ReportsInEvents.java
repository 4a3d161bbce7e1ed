package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.UsageBook.RecordedReport;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** Reads recorded reports back from a lease's usage events, upcast as handlers see them. */
final class ReportsInEvents {

    private ReportsInEvents() {
    }

    /**
     * Reads the lease's events after {@code afterSequence} until every id in {@code ids} is found,
     * into {@code found}; an id its events do not hold is a broken store.
     */
    static void read(EventStore events, String leaseKey, long afterSequence, Set<String> ids,
                     Map<String, RecordedReport> found) {
        Set<String> missing = new HashSet<>(ids);
        DomainEventStream stream = events.readEvents(leaseKey, afterSequence + 1);
        while (!missing.isEmpty() && stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof UsageRecordedEvent usage) {
                for (RecordedUsage report : usage.reports()) {
                    if (missing.remove(report.reportId())) {
                        found.put(report.reportId(), new RecordedReport(report.reportId(), report.periodStart(),
                                report.periodEnd(), report.report().quantity(), new Charges(report.chargedUnits(),
                                report.feeUnits(), report.providerUnits())));
                    }
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("lease " + leaseKey + " has no usage event after sequence "
                    + afterSequence + " recording " + missing);
        }
    }
}
