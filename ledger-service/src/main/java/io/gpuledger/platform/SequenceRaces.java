package io.gpuledger.platform;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Runs a unit of work again when its events lost a race for an aggregate's next sequence number:
 * another writer (another instance on the same database, or a stale cached aggregate) appended
 * first. Nothing of the losing attempt was committed, and its rollback evicted the aggregates it
 * loaded from the cache, so the next attempt decides on the events as they now are.
 */
public final class SequenceRaces {

    /** Attempts of one unit of work; each loss means another writer won. */
    static final int ATTEMPTS = 10;

    private SequenceRaces() {
    }

    /** {@code attempt}'s result, run again after each lost race up to {@link #ATTEMPTS} times; {@code onRetry} before each rerun. */
    public static <T> T retrying(Supplier<T> attempt, Runnable onRetry) {
        for (int attempts = 1; ; attempts++) {
            try {
                return attempt.get();
            } catch (RuntimeException e) {
                if (attempts == ATTEMPTS || !lost(e)) {
                    throw e;
                }
                onRetry.run();
                backOff(attempts);
            }
        }
    }

    private static boolean lost(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    /** A short random pause that grows with each loss, so that two writers racing for one aggregate part. */
    private static void backOff(int attempts) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 1L + Math.min(50, 1L << attempts)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a write", e);
        }
    }
}
