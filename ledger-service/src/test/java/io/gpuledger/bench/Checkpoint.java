package io.gpuledger.bench;

/** What the growth benchmark measured at one checkpoint; {@code reports} and {@code events} are the store's when measured. */
record Checkpoint(long checkpoint, long reports, long events, double reportsPerSecond, long liveHeapBytes,
                  double serveSeconds, double firstBatchSeconds, double rebuildSeconds, long databaseBytes) {

    double rebuildSecondsPerMillionEvents() {
        return rebuildSeconds / Math.max(1, events) * 1_000_000;
    }

    String describe() {
        return ("%s: %,.0f reports/s, live heap %,d MB, serving %.1f s after a restart, first batch over every lease"
                + " %.2f s, billing rebuilt in %.1f s (%.1f s per million of %,d events), database %s").formatted(
                millions(checkpoint), reportsPerSecond, liveHeapBytes >> 20, serveSeconds, firstBatchSeconds,
                rebuildSeconds, rebuildSecondsPerMillionEvents(), events, DiskBudget.gigabytes(databaseBytes));
    }

    static String millions(long reports) {
        return "%sM".formatted(new java.math.BigDecimal(reports).movePointLeft(6).stripTrailingZeros().toPlainString());
    }
}
