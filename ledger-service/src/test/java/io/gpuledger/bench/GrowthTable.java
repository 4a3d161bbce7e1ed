package io.gpuledger.bench;

import java.util.List;

/** The growth benchmark's figures: a line per checkpoint, then each target against what was measured. */
final class GrowthTable {

    static final double MIN_THROUGHPUT_RATIO = 0.8;
    static final long MAX_LIVE_HEAP_BYTES = 1L << 30;
    static final double MAX_SERVE_SECONDS = 15;
    static final double MAX_FIRST_BATCH_SECONDS = 2;

    private GrowthTable() {
    }

    static void print(List<Checkpoint> rows) {
        System.out.println();
        System.out.println("== growth ==");
        System.out.println("| checkpoint | reports | events | reports/s | of the first | live heap | serving after restart"
                + " | first batch, every lease | billing rebuild | per million events | database |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        double first = rows.get(0).reportsPerSecond();
        for (Checkpoint row : rows) {
            System.out.printf("| %s | %,d | %,d | %,.0f | %.2f | %,d MB | %.1f s | %.2f s | %.1f s | %.1f s | %s |%n",
                    Checkpoint.millions(row.checkpoint()), row.reports(), row.events(), row.reportsPerSecond(),
                    row.reportsPerSecond() / first, row.liveHeapBytes() >> 20, row.serveSeconds(),
                    row.firstBatchSeconds(), row.rebuildSeconds(), row.rebuildSecondsPerMillionEvents(),
                    DiskBudget.gigabytes(row.databaseBytes()));
        }
        Checkpoint last = rows.get(rows.size() - 1);
        System.out.println();
        target("throughput at the last checkpoint / at the first", "%.2f".formatted(last.reportsPerSecond() / first),
                "≥ " + MIN_THROUGHPUT_RATIO, last.reportsPerSecond() / first >= MIN_THROUGHPUT_RATIO);
        target("live heap at the last checkpoint", "%,d MB".formatted(last.liveHeapBytes() >> 20), "≤ 1,024 MB",
                last.liveHeapBytes() <= MAX_LIVE_HEAP_BYTES);
        double serve = rows.stream().mapToDouble(Checkpoint::serveSeconds).max().orElseThrow();
        target("serving after a restart, the slowest", "%.1f s".formatted(serve), "≤ 15 s", serve <= MAX_SERVE_SECONDS);
        double batch = rows.stream().mapToDouble(Checkpoint::firstBatchSeconds).max().orElseThrow();
        target("first batch over every lease after it, the slowest", "%.2f s".formatted(batch), "≤ 2 s",
                batch <= MAX_FIRST_BATCH_SECONDS);
    }

    private static void target(String figure, String value, String target, boolean met) {
        System.out.printf("%-52s %-10s target %-10s %s%n", figure, value, target, met ? "met" : "NOT MET");
    }
}
