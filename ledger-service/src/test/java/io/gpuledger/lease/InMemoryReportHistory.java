package io.gpuledger.lease;

import io.gpuledger.lease.UsageBook.RecordedReport;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** The report history of a fixture: ids in a map, reports read back from the fixture's events, as the JDBC one does. */
final class InMemoryReportHistory implements ReportHistory {

    private final EventStore events;
    private final Map<String, Map<String, Long>> afterSequenceById = new HashMap<>();

    InMemoryReportHistory(EventStore events) {
        this.events = events;
    }

    @Override
    public Map<String, Map<String, RecordedReport>> find(Map<String, List<String>> reportIdsByLease) {
        Map<String, Map<String, RecordedReport>> found = new HashMap<>();
        reportIdsByLease.forEach((leaseKey, ids) -> {
            Map<String, Long> known = afterSequenceById.getOrDefault(leaseKey, Map.of());
            for (String id : ids) {
                if (known.containsKey(id)) {
                    ReportsInEvents.read(events, leaseKey, known.get(id), Set.of(id),
                            found.computeIfAbsent(leaseKey, k -> new HashMap<>()));
                }
            }
        });
        return found;
    }

    @Override
    public void remember(List<Accepted> accepted) {
        for (Accepted lease : accepted) {
            Map<String, Long> known = afterSequenceById.computeIfAbsent(lease.leaseKey(), k -> new HashMap<>());
            Set<String> fresh = new HashSet<>(lease.reportIds());
            fresh.removeAll(known.keySet());
            if (fresh.size() != lease.reportIds().size()) {
                throw new IllegalStateException("a report id was recorded twice: " + lease.reportIds());
            }
            lease.reportIds().forEach(id -> known.put(id, lease.afterSequence()));
        }
    }
}
