package io.gpuledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrent clients sending usage batches to POST /v1/usage:batch, as a marketplace's meter agents would:
 * each client reports for its own share of the leases (every {@code clients}-th one), one report per lease in
 * turn, and each lease's periods follow one another without gap or overlap, across calls.
 */
final class UsageBatches {

    /** Reports accepted and the seconds the clients took. */
    record Result(long accepted, double seconds) {

        double perSecond() {
            return accepted / seconds;
        }
    }

    private final BenchHttp api;
    private final int leases;
    private final int clients;
    private final int batchSize;
    /** Which instance a client's batch goes to: its own, or the next one each batch. */
    private final boolean spreadEachBatch;
    private final int[] period;
    /** Each client's position in its own leases. */
    private final int[] next;

    UsageBatches(BenchHttp api, int leases, int clients, int batchSize, boolean spreadEachBatch) {
        this.api = api;
        this.leases = leases;
        this.clients = clients;
        this.batchSize = batchSize;
        this.spreadEachBatch = spreadEachBatch;
        this.period = new int[clients];
        this.next = new int[clients];
    }

    /** Batches for {@code seconds}. */
    Result forSeconds(int seconds, Latencies latencies) throws Exception {
        return send(System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds), Long.MAX_VALUE, latencies);
    }

    /** Batches until {@code reports} more are accepted (a batch at most over). */
    Result until(long reports, Latencies latencies) throws Exception {
        return send(Long.MAX_VALUE, reports, latencies);
    }

    /** The highest period any lease has a report for. */
    int lastPeriod() {
        return java.util.Arrays.stream(period).max().orElse(0);
    }

    /**
     * One report for every lease, in batches of up to {@code maxBatch} sent one after another, all for the
     * period after the latest one sent; every client carries on after it. Answers the reports accepted.
     */
    long everyLease(int maxBatch) {
        int at = lastPeriod() + 1;
        long accepted = 0;
        for (int from = 0; from < leases; from += maxBatch) {
            StringBuilder body = new StringBuilder(maxBatch * 140).append("{\"reports\":[");
            for (int lease = from; lease < Math.min(leases, from + maxBatch); lease++) {
                if (lease > from) {
                    body.append(',');
                }
                UsageReports.appendReport(body, lease, at);
            }
            accepted += api.sendBatch(0, body.append("]}").toString());
        }
        java.util.Arrays.fill(period, at + 1);
        java.util.Arrays.fill(next, 0);
        return accepted;
    }

    private Result send(long deadline, long reports, Latencies latencies) throws Exception {
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            running.add(pool.submit(() -> {
                int sent = 0;
                while (System.nanoTime() < deadline && accepted.get() < reports) {
                    String body = nextBatch(client);
                    int instance = spreadEachBatch ? client + sent++ : client;
                    long sentAt = System.nanoTime();
                    long ok = api.sendBatch(instance, body);
                    latencies.add(System.nanoTime() - sentAt);
                    accepted.addAndGet(ok);
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        return new Result(accepted.get(), (System.nanoTime() - start) / 1e9);
    }

    /** The client's next {@code batchSize} reports, each for its next lease in turn. */
    private String nextBatch(int client) {
        int own = (leases - client + clients - 1) / clients;
        StringBuilder body = new StringBuilder(batchSize * 140).append("{\"reports\":[");
        for (int r = 0; r < batchSize; r++) {
            if (r > 0) {
                body.append(',');
            }
            UsageReports.appendReport(body, client + next[client] * clients, period[client]);
            if (++next[client] == own) {
                next[client] = 0;
                period[client]++;
            }
        }
        return body.append("]}").toString();
    }
}
