package io.gpuledger.settlement.api;

/**
 * The steps of an epoch's process and the chain intent each attempt of a step goes out under. Ids
 * are derived, never stored first: whoever drives the epoch, before or after a crash, names the same
 * intent, and the chain gateway sends each intent once. A failed step's retry is a new attempt with
 * a new id ({@code -attempt-2}), since a reverted or refused transaction is final.
 */
public final class EpochSteps {

    public static final String ANCHOR = "anchor";
    public static final String FUND = "fund";
    private static final String BATCH_PREFIX = "batch-";

    private EpochSteps() {
    }

    /** The step that pushes batch {@code batch} (1-based). */
    public static String batch(int batch) {
        return BATCH_PREFIX + batch;
    }

    public static boolean isBatch(String step) {
        return step.startsWith(BATCH_PREFIX);
    }

    public static int batchNumber(String step) {
        return Integer.parseInt(step.substring(BATCH_PREFIX.length()));
    }

    /** {@code anchor-epoch-7}, {@code fund-epoch-7}, {@code push-epoch-7-batch-2}; later attempts add {@code -attempt-N}. */
    public static String intentId(long epoch, String step, int attempt) {
        String first;
        if (ANCHOR.equals(step)) {
            first = "anchor-epoch-" + epoch;
        } else if (FUND.equals(step)) {
            first = "fund-epoch-" + epoch;
        } else if (isBatch(step)) {
            first = "push-epoch-" + epoch + "-batch-" + batchNumber(step);
        } else {
            throw new IllegalArgumentException("no step " + step);
        }
        return attempt == 1 ? first : first + "-attempt-" + attempt;
    }
}
