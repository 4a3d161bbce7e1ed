package io.gpuledger.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the disk under the benchmark's database can hold the fill it is asked for. The bytes a report takes
 * are the database's growth over the reports so far, measured at every check once there are enough; each
 * check compares what the rest of the fill would take, with a tenth more, against the disk's free space less
 * a reserve for the machine's other users.
 */
final class DiskBudget {

    /** Fewer reports make a figure dominated by the leases and the first pages of each table. */
    private static final long MIN_SAMPLE_REPORTS = 10_000;
    private final Path directory;
    private final long emptyBytes;
    private final long reserveBytes;
    private double bytesPerReport = Double.NaN;

    DiskBudget(Path directory, long emptyBytes, long reserveGigabytes) {
        this.directory = directory;
        this.emptyBytes = emptyBytes;
        this.reserveBytes = reserveGigabytes << 30;
    }

    boolean measured() {
        return !Double.isNaN(bytesPerReport);
    }

    /** Measures once enough reports are in, then refuses to go on when the disk cannot hold {@code finalReports}. */
    void check(long databaseBytes, long reports, long finalReports) {
        if (reports < MIN_SAMPLE_REPORTS) {
            return;
        }
        boolean first = !measured();
        // Measured again at every check: the figure grows with the tables' indexes and free space.
        bytesPerReport = (double) (databaseBytes - emptyBytes) / reports;
        if (first) {
            System.out.printf("  %.0f bytes per report on disk (the database's growth over its first %,d reports):"
                            + " %,d reports would take about %s, 50 million %s%n", bytesPerReport, reports, finalReports,
                    gigabytes(bytesPerReport * finalReports), gigabytes(bytesPerReport * 50_000_000));
        }
        double needed = bytesPerReport * Math.max(0, finalReports - reports) * 1.1;
        long usable = usable();
        if (needed > usable - reserveBytes) {
            throw new IllegalStateException(("the disk under %s cannot hold the fill: %,d more reports need about %s"
                    + " (%.0f bytes each, and a tenth more), %s is free and %s stays free for others (reserveGb);"
                    + " give a dataDir= on a larger disk or lower checkpoints=").formatted(directory,
                    finalReports - reports, gigabytes(needed), bytesPerReport, gigabytes(usable), gigabytes(reserveBytes)));
        }
    }

    long usable() {
        try {
            return Files.getFileStore(directory).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String gigabytes(double bytes) {
        return "%.2f GB".formatted(bytes / (1L << 30));
    }
}
