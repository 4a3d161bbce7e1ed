package io.gpuledger.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * CPU time used so far by this JVM and by the PostgreSQL server (its postmaster and every backend,
 * living or ended), from the operating system's accounting in /proc. A phase's CPU is the difference
 * of two readings; divided by the reports or rows of the phase it is what each one cost, a figure that
 * moves less with the neighbours' load on a shared machine than throughput does. Where /proc is not
 * there, readings are NaN.
 */
final class ProcessCpu {

    /** USER_HZ, the unit of /proc's CPU times: 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100;

    private final long postmasterPid;

    private ProcessCpu(long postmasterPid) {
        this.postmasterPid = postmasterPid;
    }

    /** Finds the server as the parent of a backend of this connection's database. */
    static ProcessCpu of(String jdbcUrl) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long[] stat = stat(rs.getLong(1));
            return new ProcessCpu(stat == null ? -1 : stat[0]);
        }
    }

    record Reading(double jvmSeconds, double postgresSeconds) {

        static final Reading ZERO = new Reading(0, 0);

        Reading plus(Reading other) {
            return new Reading(jvmSeconds + other.jvmSeconds, postgresSeconds + other.postgresSeconds);
        }

        Reading minus(Reading earlier) {
            return new Reading(jvmSeconds - earlier.jvmSeconds, postgresSeconds - earlier.postgresSeconds);
        }

        double perItemMicros(long items) {
            return (jvmSeconds + postgresSeconds) * 1e6 / items;
        }

        /** Microseconds of CPU per item: JVM, PostgreSQL and both. */
        String perItem(long items) {
            return "%.0f µs (JVM %.0f + PostgreSQL %.0f)".formatted((jvmSeconds + postgresSeconds) * 1e6 / items,
                    jvmSeconds * 1e6 / items, postgresSeconds * 1e6 / items);
        }
    }

    Reading read() {
        double jvm = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() / 1e9 : Double.NaN;
        return new Reading(jvm, postgresSeconds());
    }

    /** The postmaster's own time and that of its ended children, plus every living backend's. */
    private double postgresSeconds() {
        long[] postmaster = stat(postmasterPid);
        if (postmaster == null) {
            return Double.NaN;
        }
        long ticks = postmaster[1] + postmaster[2];
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long[] child = stat(Long.parseLong(name));
                if (child != null && child[0] == postmasterPid) {
                    ticks += child[1];
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * {parent pid, own user+system ticks, ended children's user+system ticks} from /proc/pid/stat,
     * or null when the process is gone. The command name may hold spaces, so fields count from its ')'.
     */
    private static long[] stat(long pid) {
        try {
            String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            // after the name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14)
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
