package io.gpuledger.usage;

import io.gpuledger.common.Charges;
import io.gpuledger.usage.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Map.Entry;
import java.util.TreeMap;

/**
 * The usage a lease has recorded: which reports, which periods, and the cumulative usage value.
 * Lives inside the lease aggregate; it holds state and answers questions, the aggregate decides.
 */
public final class UsageBook {

    private final Map<String, RecordedReport> reportsById = new HashMap<>();
    private final TreeMap<Instant, Instant> periodEndsByStart = new TreeMap<>();
    private Instant latestPeriodEnd;
    private long gpuSecondsRecorded;
    private BigInteger usageValue = BigInteger.ZERO;

    /** A recorded report: its body (to tell a replay from a conflict) and the charges it was answered with. */
    public record RecordedReport(UsageReport report, Charges charges) {

        public boolean sameBodyAs(UsageReport other) {
            return report.equals(other);
        }
    }

    public RecordedReport find(String reportId) {
        return reportsById.get(reportId);
    }

    public boolean overlapsRecordedPeriod(Instant start, Instant end) {
        Entry<Instant, Instant> before = periodEndsByStart.floorEntry(start);
        if (before != null && before.getValue().isAfter(start)) {
            return true;
        }
        Instant nextStart = periodEndsByStart.higherKey(start);
        return nextStart != null && nextStart.isBefore(end);
    }

    /** The end of the latest recorded period, or null before any usage. */
    public Instant latestPeriodEnd() {
        return latestPeriodEnd;
    }

    public BigInteger usageValue() {
        return usageValue;
    }

    public long gpuSecondsRecorded() {
        return gpuSecondsRecorded;
    }

    public void record(UsageReport report, BigInteger reportUsageValue, Charges charges) {
        reportsById.put(report.reportId(), new RecordedReport(report, charges));
        periodEndsByStart.put(report.periodStart(), report.periodEnd());
        if (latestPeriodEnd == null || report.periodEnd().isAfter(latestPeriodEnd)) {
            latestPeriodEnd = report.periodEnd();
        }
        gpuSecondsRecorded += report.gpuSeconds();
        usageValue = usageValue.add(reportUsageValue);
    }
}
