package io.gpuledger.usage;

import io.gpuledger.common.Charges;
import io.gpuledger.usage.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The usage a lease has recorded: which reports, which periods, and the cumulative usage value.
 * Lives inside the lease aggregate; it holds state and answers questions, the aggregate decides.
 */
public final class UsageBook {

    private final Map<String, RecordedReport> reportsById = new HashMap<>();
    private final RecordedPeriods periods = new RecordedPeriods();
    private long gpuSecondsRecorded;
    private BigInteger usageValue = BigInteger.ZERO;

    /**
     * A recorded report: its body (to tell a replay from a conflict) and the charges it was answered
     * with. A cached lease holds one per report it ever recorded, so it keeps them flat: the slices in
     * longs when they fit (they nearly always do), not in three BigIntegers and a record around them.
     */
    public static final class RecordedReport {

        private final String reportId;
        private final Instant periodStart;
        private final Instant periodEnd;
        private final long gpuSeconds;
        private final long chargedUnits;
        private final long feeUnits;
        private final long providerUnits;
        private final Charges wideCharges;

        RecordedReport(UsageReport report, Charges charges) {
            reportId = report.reportId();
            periodStart = report.periodStart();
            periodEnd = report.periodEnd();
            gpuSeconds = report.gpuSeconds();
            boolean fits = charges.chargedUnits().bitLength() < Long.SIZE && charges.feeUnits().bitLength() < Long.SIZE
                    && charges.providerUnits().bitLength() < Long.SIZE;
            chargedUnits = fits ? charges.chargedUnits().longValue() : 0;
            feeUnits = fits ? charges.feeUnits().longValue() : 0;
            providerUnits = fits ? charges.providerUnits().longValue() : 0;
            wideCharges = fits ? null : charges;
        }

        public boolean sameBodyAs(UsageReport other) {
            return reportId.equals(other.reportId()) && periodStart.equals(other.periodStart())
                    && periodEnd.equals(other.periodEnd()) && gpuSeconds == other.gpuSeconds();
        }

        public Charges charges() {
            return wideCharges != null ? wideCharges : new Charges(BigInteger.valueOf(chargedUnits),
                    BigInteger.valueOf(feeUnits), BigInteger.valueOf(providerUnits));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RecordedReport that && reportId.equals(that.reportId)
                    && periodStart.equals(that.periodStart) && periodEnd.equals(that.periodEnd)
                    && gpuSeconds == that.gpuSeconds && charges().equals(that.charges());
        }

        @Override
        public int hashCode() {
            return Objects.hash(reportId, periodStart, periodEnd, gpuSeconds, charges());
        }
    }

    public RecordedReport find(String reportId) {
        return reportsById.get(reportId);
    }

    public boolean overlapsRecordedPeriod(Instant start, Instant end) {
        return periods.overlaps(start, end);
    }

    /** The end of the latest recorded period, or null before any usage. */
    public Instant latestPeriodEnd() {
        return periods.latestEnd();
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
        reportsById.put(report.reportId(), new RecordedReport(report, charges));
        periods.add(report.periodStart(), report.periodEnd());
        gpuSecondsRecorded += report.gpuSeconds();
        usageValue = usageValue.add(reportUsageValue);
    }

    /**
     * The book as it would be with the reports accepted so far in one command: the lease decides
     * each report of a batch against the ones before it, then applies one event for all of them.
     */
    public final class Draft {

        private final Map<String, RecordedReport> accepted = new HashMap<>();
        private final RecordedPeriods acceptedPeriods = new RecordedPeriods();
        private BigInteger draftUsageValue = usageValue;

        public RecordedReport find(String reportId) {
            RecordedReport recorded = accepted.get(reportId);
            return recorded != null ? recorded : reportsById.get(reportId);
        }

        public boolean overlapsRecordedPeriod(Instant start, Instant end) {
            return UsageBook.this.overlapsRecordedPeriod(start, end)
                    || acceptedPeriods.overlaps(start, end);
        }

        public BigInteger usageValue() {
            return draftUsageValue;
        }

        public void accept(UsageReport report, BigInteger reportUsageValue, Charges charges) {
            accepted.put(report.reportId(), new RecordedReport(report, charges));
            acceptedPeriods.add(report.periodStart(), report.periodEnd());
            draftUsageValue = draftUsageValue.add(reportUsageValue);
        }
    }
}
