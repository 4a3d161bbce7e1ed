package io.gpuledger.lease;

import io.gpuledger.lease.UsageBook.RecordedReport;
import java.util.List;
import java.util.Map;

/**
 * Every report id a lease ever recorded, for the ids a lease no longer holds in memory: a report id
 * is idempotent forever, however long ago it was recorded. Written in the transaction that appends
 * the report's event, so it is exactly as current as the event store.
 */
public interface ReportHistory {

    /** The reports recorded under the asked ids, by lease key and then report id; ids never recorded are absent. */
    Map<String, Map<String, RecordedReport>> find(Map<String, List<String>> reportIdsByLease);

    /** Notes reports a command accepted: their ids, and that their events follow the lease's sequence {@code afterSequence}. */
    void remember(List<Accepted> accepted);

    /** Report ids one lease accepted in one command, in the events after sequence number {@code afterSequence}. */
    record Accepted(String leaseKey, long afterSequence, List<String> reportIds) {
    }
}
