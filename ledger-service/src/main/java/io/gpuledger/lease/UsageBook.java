package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.common.MoneyRule;
import io.gpuledger.lease.api.AdjustmentKind;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The usage a lease has recorded: which reports, which periods, the cumulative usage value, and the
 * corrections since (voided reports, adjustments). Lives inside the lease aggregate; it holds state
 * and answers questions, the aggregate decides.
 */
public final class UsageBook {

    private final RecordedReports reports = new RecordedReports();
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

    public void recordVoid(String reportId, UsageReport report, BigInteger reportUsageValue, Charges slice) {
        reports.freePeriod(reportId);
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

    public long gpuSecondsRecorded() {
        return gpuSecondsRecorded;
    }

    public long energyWhRecorded() {
        return energyWhRecorded;
    }

    /** Reports decided one after another in one command, seen on top of this book, before their event is applied. */
    public Draft draft() {
        return new Draft();
    }

    public void record(UsageReport report, BigInteger reportUsageValue, Charges charges) {
        reports.add(report, charges);
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
        private BigInteger draftUsageValue = UsageBook.this.netValue();

        public RecordedReport find(String reportId) {
            RecordedReport recorded = accepted.find(reportId);
            return recorded != null ? recorded : reports.find(reportId);
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
