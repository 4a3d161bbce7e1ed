package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The usage a lease has recorded: the periods that count (coalesced), the reports recorded last,
 * the cumulative usage value, and the corrections since (voided reports, adjustments). Lives inside
 * the lease aggregate; it holds state and answers questions, the aggregate decides.
 *
 * <p>Its size does not grow with the lease's history: a report older than the recent ones is not in
 * memory, and the lease is told about it from the store ({@link ReportHistory}) when a report or a
 * void names it. Whether that is needed at all the book knows: only once it has forgotten a report.
 */
public final class UsageBook {

    private final PeriodSet periods = new PeriodSet();
    private final RecentReports recent = new RecentReports();
    /** Reports ever recorded, voided ones included. */
    private long reportsRecorded;
    private long gpuSecondsRecorded;
    private long energyWhRecorded;
    private BigInteger usageValue = BigInteger.ZERO;
    /** A capacity lease's accrued fee value; zero on other leases. */
    private BigInteger feeValue = BigInteger.ZERO;
    /** What the lease's values are divided by (its tariff's denominator): 3600 for GPU-hours. */
    private BigInteger denominator = MoneyRule.SECONDS_PER_HOUR;
    /** Debits less credits, in token units. */
    private BigInteger adjustmentUnits = BigInteger.ZERO;
    /** Voids and adjustments by their ids, to answer them again; corrections are rare. */
    private final Map<String, Charges> voids = new HashMap<>();
    private final Map<String, LeaseAdjustedEvent> adjustments = new HashMap<>();

    /**
     * A recorded report as the lease sees it when a report arrives again under its id; {@code quantity}
     * is its gpuSeconds, or its energyWh on a capacity lease (whose reports all carry energy).
     */
    public record RecordedReport(String reportId, Instant periodStart, Instant periodEnd, long quantity,
                                 Charges charges) {

        public boolean sameBodyAs(UsageReport other) {
            return reportId.equals(other.reportId()) && periodStart.equals(other.periodStart())
                    && periodEnd.equals(other.periodEnd()) && quantity == other.quantity();
        }
    }

    void useDenominator(BigInteger valueDenominator) {
        this.denominator = valueDenominator;
    }

    /** A recorded report among the recent ones, or null: an older one may be in the store. */
    public RecordedReport find(String reportId) {
        return recent.find(reportId);
    }

    /** Whether a report under this id, not among the recent ones, may have been recorded before them. */
    public boolean mayHaveForgotten(String reportId) {
        return reportsRecorded > RecentReports.GENERATION && recent.find(reportId) == null;
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

    /**
     * The value the money rule floors: the unvoided reports' usage value, a capacity lease's accrued
     * fee, plus the denominator times the debits less the credits (docs/MONEY.md, "Corrections").
     */
    public BigInteger netValue() {
        return usageValue.add(feeValue).add(adjustmentUnits.multiply(denominator));
    }

    public BigInteger denominator() {
        return denominator;
    }

    public void accrueFee(BigInteger value) {
        feeValue = feeValue.add(value);
    }

    /** The slice a void of this report recorded, or null when it was not voided. */
    public Charges voidOf(String reportId) {
        return voids.get(reportId);
    }

    public LeaseAdjustedEvent adjustment(String adjustmentId) {
        return adjustments.get(adjustmentId);
    }

    /** A voided report's period is free again, its id stays known (in the store if not here). */
    public void recordVoid(String reportId, UsageReport report, BigInteger reportUsageValue, Charges slice) {
        periods.remove(report.periodStart(), report.periodEnd());
        voids.put(reportId, slice);
        gpuSecondsRecorded -= report.gpuSeconds();
        energyWhRecorded -= report.reportsEnergy() ? report.energyWh() : 0;
        usageValue = usageValue.subtract(reportUsageValue);
    }

    public void recordAdjustment(LeaseAdjustedEvent adjustment) {
        adjustments.put(adjustment.adjustmentId(), adjustment);
        BigInteger units = adjustment.amountUnits();
        adjustmentUnits = adjustmentUnits.add(adjustment.kind() == AdjustmentKind.DEBIT ? units : units.negate());
    }

    /**
     * About how many bytes of heap the book holds: its recent reports' columns, a tree node per
     * interval, the corrections' maps. An estimate for weighing the aggregate cache, not a measure.
     */
    long estimatedBytes() {
        return 3_000 + 64L * Math.min(reportsRecorded, 2L * RecentReports.GENERATION)
                + 120L * periods.intervalCount() + 250L * voids.size() + 450L * adjustments.size();
    }

    /** The book as a snapshot stores it ({@link LeaseState.Usage}). */
    LeaseState.Usage state() {
        List<LeaseState.Period> periodList = new ArrayList<>(periods.intervalCount());
        periods.intervals().forEach((start, end) -> periodList.add(new LeaseState.Period(start, end)));
        return new LeaseState.Usage(periodList, recent.inOrder(), reportsRecorded, gpuSecondsRecorded,
                energyWhRecorded, usageValue, feeValue, adjustmentUnits, new TreeMap<>(voids),
                new TreeMap<>(adjustments));
    }

    /** The book a snapshot stored, valued over {@code valueDenominator} (its lease's tariff's). */
    static UsageBook restore(LeaseState.Usage state, BigInteger valueDenominator) {
        UsageBook book = new UsageBook();
        book.denominator = valueDenominator;
        state.periods().forEach(period -> book.periods.add(period.start(), period.end()));
        // The recent reports keep a report's quantity only, which a GPU-seconds report carries as well.
        state.recentReports().forEach(report -> book.recent.add(
                new UsageReport(report.reportId(), report.periodStart(), report.periodEnd(), report.quantity()),
                report.charges()));
        book.reportsRecorded = state.reportsRecorded();
        book.gpuSecondsRecorded = state.gpuSecondsRecorded();
        book.energyWhRecorded = state.energyWhRecorded();
        book.usageValue = state.usageValue();
        book.feeValue = state.feeValue();
        book.adjustmentUnits = state.adjustmentUnits();
        book.voids.putAll(state.voids());
        book.adjustments.putAll(state.adjustments());
        return book;
    }

    public long gpuSecondsRecorded() {
        return gpuSecondsRecorded;
    }

    public long energyWhRecorded() {
        return energyWhRecorded;
    }

    /** Reports decided one after another in one command, seen on top of this book, before their event is applied. */
    public Draft draft() {
        return new Draft(Map.of());
    }

    /** A draft that also sees {@code recalled}, reports the store found under ids of the command. */
    public Draft draft(Map<String, RecordedReport> recalled) {
        return new Draft(recalled);
    }

    public void record(UsageReport report, BigInteger reportUsageValue, Charges charges) {
        periods.add(report.periodStart(), report.periodEnd());
        recent.add(report, charges);
        reportsRecorded++;
        gpuSecondsRecorded += report.gpuSeconds();
        energyWhRecorded += report.reportsEnergy() ? report.energyWh() : 0;
        usageValue = usageValue.add(reportUsageValue);
    }

    /**
     * The book as it would be with the reports accepted so far in one command: the lease decides
     * each report of a batch against the ones before it, then applies one event for all of them.
     */
    public final class Draft {

        private final RecordedReports accepted = new RecordedReports();
        private final Map<String, RecordedReport> recalled;
        private BigInteger draftUsageValue = UsageBook.this.netValue();

        private Draft(Map<String, RecordedReport> recalled) {
            this.recalled = recalled;
        }

        public RecordedReport find(String reportId) {
            RecordedReport recorded = accepted.find(reportId);
            if (recorded == null) {
                recorded = recent.find(reportId);
            }
            return recorded != null ? recorded : recalled.get(reportId);
        }

        public boolean overlapsRecordedPeriod(Instant start, Instant end) {
            return UsageBook.this.overlapsRecordedPeriod(start, end)
                    || accepted.overlaps(start, end);
        }

        /** The net value with the reports accepted so far in the command. */
        public BigInteger netValue() {
            return draftUsageValue;
        }

        public void accept(UsageReport report, BigInteger reportUsageValue, Charges charges) {
            accepted.add(report, charges);
            draftUsageValue = draftUsageValue.add(reportUsageValue);
        }
    }
}
