package io.gpuledger.bench;

import java.time.Instant;

/** Usage reports as the benchmarks' meters write them: one minute of 8 GPUs per period, numbered from a fixed start. */
final class UsageReports {

    static final Instant LEASE_START = Instant.parse("2026-01-01T00:00:00Z");
    static final int GPUS = 8;
    static final int PERIOD_SECONDS = 60;
    static final String ACCEPTED = "\"status\":\"ACCEPTED\"";

    private UsageReports() {
    }

    /** Appends one report; a negative lease leaves leaseId out (for the single-report route). */
    static void appendReport(StringBuilder body, int lease, int period) {
        Instant start = LEASE_START.plusSeconds((long) period * PERIOD_SECONDS);
        body.append('{');
        if (lease >= 0) {
            body.append("\"leaseId\":\"");
            appendLeaseId(body, lease);
            body.append("\",");
        }
        body.append("\"reportId\":\"r-").append(period)
                .append("\",\"periodStart\":\"").append(start)
                .append("\",\"periodEnd\":\"").append(start.plusSeconds(PERIOD_SECONDS))
                .append("\",\"gpuSeconds\":").append(GPUS * PERIOD_SECONDS - period % 7).append('}');
    }

    /** "lease-" and the number in five digits, as BenchHttp.openLeases names it (String.format cost the clients more than the rest). */
    static void appendLeaseId(StringBuilder body, int lease) {
        body.append("lease-");
        for (int divisor = 10_000; divisor > 0; divisor /= 10) {
            body.append((char) ('0' + lease / divisor % 10));
        }
    }

    /** How many reports a batch's answer accepted. */
    static long accepted(String answer) {
        return count(answer, ACCEPTED);
    }

    static long count(String text, String part) {
        long n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }
}
