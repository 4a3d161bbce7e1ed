package io.gpuledger.lease;

import io.gpuledger.common.Charges;
import io.gpuledger.lease.api.UsageReport;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the live heap per lease as its history grows: the usage book as a lease keeps it now
 * (coalesced periods, recent reports) against every report kept (RecordedReports, as a lease kept
 * them before). Not a test; run with
 * {@code java -cp ledger-service/target/classes:ledger-service/target/test-classes:$(cat cp.txt) io.gpuledger.lease.UsageBookMemory}.
 */
public final class UsageBookMemory {

    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Charges MINUTE = new Charges(BigInteger.valueOf(280_000), BigInteger.valueOf(14_000),
            BigInteger.valueOf(266_000));
    private static final int LEASES = 200;

    public static void main(String[] args) {
        for (int reports : new int[] {10, 1_000, 10_000}) {
            long now = bytesPerLease(reports, true);
            long before = bytesPerLease(reports, false);
            System.out.printf("%,7d reports per lease: %,9d bytes per lease now, %,10d with every report kept%n",
                    reports, now, before);
        }
    }

    private static long bytesPerLease(int reports, boolean now) {
        long empty = liveHeap();
        List<Object> kept = new ArrayList<>(LEASES);
        for (int lease = 0; lease < LEASES; lease++) {
            UsageBook book = new UsageBook();
            RecordedReports all = new RecordedReports();
            for (int i = 0; i < reports; i++) {
                UsageReport report = new UsageReport("meter-7-report-" + i, T0.plusSeconds(60L * i),
                        T0.plusSeconds(60L * (i + 1)), 480);
                if (now) {
                    book.record(report, BigInteger.valueOf(1_008_000_000), MINUTE);
                } else {
                    all.add(report, MINUTE);
                }
            }
            kept.add(now ? book : all);
        }
        long used = liveHeap() - empty;
        if (kept.size() != LEASES) {
            throw new IllegalStateException();
        }
        return used / LEASES;
    }

    private static long liveHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
