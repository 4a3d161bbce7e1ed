package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;

/**
 * The usage a lease has recorded: which reports, which periods, and the cumulative usage value.
 * Lives inside the lease aggregate; it holds state and answers questions, the aggregate decides.
 */
public final class UsageBook {

    private final RecordedReports reports = new RecordedReports();
    private long gpuSecondsRecorded;
    private BigInteger usageValue = BigInteger.ZERO;

    /** A recorded report as the lease sees it when a report arrives again under its id. */
    public record RecordedReport(String reportId, Instant periodStart, Instant periodEnd, long gpuSeconds,
                                 Charges charges) {

        public boolean sameBodyAs(UsageReport other) {
            return reportId.equals(other.reportId()) && periodStart.equals(other.periodStart())
                    && periodEnd.equals(other.periodEnd()) && gpuSeconds == other.gpuSeconds();
        }
    }

    public RecordedReport find(String reportId) {
        return reports.find(reportId);
    }

    public boolean overlapsRecordedPeriod(Instant start, Instant end) {
        return reports.overlaps(start, end);
    }

    /** The end of the latest recorded period, or null before any usage. */
    public Instant latestPeriodEnd() {
        return reports.latestEnd();
    }

    public BigInteger usageValue() {
        return usageValue;
    }

    public long gpuSecondsRecorded() {
        return gpuSecondsRecorded;
    }

    /** Reports decided one after another in one command, seen on top of this book, before their event is applied. */
    public Draft draft() {
        return new Draft();
    }

    public void record(UsageReport report, BigInteger reportUsageValue, Charges charges) {
        reports.add(report, charges);
        gpuSecondsRecorded += report.gpuSeconds();
        usageValue = usageValue.add(reportUsageValue);
    }

    /**
     * The book as it would be with the reports accepted so far in one command: the lease decides
     * each report of a batch against the ones before it, then applies one event for all of them.
     */
    public final class Draft {

        private final RecordedReports accepted = new RecordedReports();
        private BigInteger draftUsageValue = usageValue;

        public RecordedReport find(String reportId) {
            RecordedReport recorded = accepted.find(reportId);
            return recorded != null ? recorded : reports.find(reportId);
        }

        public boolean overlapsRecordedPeriod(Instant start, Instant end) {
            return UsageBook.this.overlapsRecordedPeriod(start, end)
                    || accepted.overlaps(start, end);
        }

        public BigInteger usageValue() {
            return draftUsageValue;
        }

        public void accept(UsageReport report, BigInteger reportUsageValue, Charges charges) {
            accepted.add(report, charges);
            draftUsageValue = draftUsageValue.add(reportUsageValue);
        }
    }
}
