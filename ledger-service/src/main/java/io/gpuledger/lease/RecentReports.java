package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.UsageBook.RecordedReport;
import io.gpuledger.lease.api.UsageReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports a lease recorded last, at least {@link #GENERATION} and at most twice as many: two
 * generations of {@link RecordedReports}, the older dropped whole when the newer fills. A report
 * sent again soon (a client's retry under a new key) is answered from here; an older one from the
 * store ({@link ReportHistory}). Memory per lease is bounded whatever its history.
 */
final class RecentReports {

    /** Reports per generation: a meter's retry seldom reaches further back than a batch or two. */
    static final int GENERATION = 32;

    private RecordedReports newer = new RecordedReports();
    private int newerSize;
    private RecordedReports older = new RecordedReports();

    RecordedReport find(String reportId) {
        RecordedReport found = newer.find(reportId);
        return found != null ? found : older.find(reportId);
    }

    void add(UsageReport report, Charges charges) {
        if (newerSize == GENERATION) {
            older = newer;
            newer = new RecordedReports();
            newerSize = 0;
        }
        newer.add(report, charges);
        newerSize++;
    }

    /** The reports held, oldest first: adding them in this order to an empty one restores this one. */
    List<RecordedReport> inOrder() {
        List<RecordedReport> reports = new ArrayList<>(older.inOrder());
        reports.addAll(newer.inOrder());
        return reports;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecentReports that && newerSize == that.newerSize && newer.equals(that.newer)
                && older.equals(that.older);
    }

    @Override
    public int hashCode() {
        return newer.hashCode();
    }
}
