package io.gpuledger.settlement.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Comparator;

/**
 * A step of an epoch's process: the anchor, the funding of the distributor, or the push of one batch
 * of payouts. Each attempt of a step goes out as one chain intent, whose id is derived, never stored
 * first: whoever drives the epoch, before or after a crash, names the same intent, and the chain
 * gateway sends each intent once. A failed step's retry is a new attempt with a new id
 * ({@code -attempt-2}), since a reverted or refused transaction is final.
 *
 * <p>Events and epoch_step_view hold a step by its {@linkplain #name() name}: {@code anchor},
 * {@code fund}, {@code batch-3}.
 */
public sealed interface Step permits Step.Anchor, Step.Fund, Step.Batch {

    Anchor ANCHOR = new Anchor();
    Fund FUND = new Fund();

    /** Anchor, fund, then the batches by number: the order an epoch's steps go in. */
    Comparator<Step> PROCESS_ORDER = Comparator.comparingInt(
            step -> step instanceof Batch batch ? 1 + batch.number() : FUND.equals(step) ? 1 : 0);

    /** The step that pushes batch {@code number} (1-based). */
    static Batch batch(int number) {
        return new Batch(number);
    }

    /** The step a {@linkplain #name() name} stands for. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Step of(String name) {
        if (Anchor.NAME.equals(name)) {
            return ANCHOR;
        }
        if (Fund.NAME.equals(name)) {
            return FUND;
        }
        if (name != null && name.startsWith(Batch.PREFIX)) {
            String number = name.substring(Batch.PREFIX.length());
            // Digits only, no sign or leading zero: the one spelling batch(n).name() gives.
            if (number.matches("[1-9][0-9]{0,8}")) {
                return new Batch(Integer.parseInt(number));
            }
        }
        throw new IllegalArgumentException("no step " + name);
    }

    /** The name the step is stored under. */
    @JsonValue
    String name();

    /**
     * {@code anchor-epoch-7}, {@code fund-epoch-7}, {@code push-epoch-7-batch-2}; later attempts add
     * {@code -attempt-N}. Stored as chain intents' ids: the spelling never changes.
     */
    default String intentId(long epoch, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts are numbered from 1");
        }
        String first = firstIntentId(epoch);
        return attempt == 1 ? first : first + "-attempt-" + attempt;
    }

    /** The id of the step's first attempt. */
    String firstIntentId(long epoch);

    record Anchor() implements Step {

        private static final String NAME = "anchor";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String firstIntentId(long epoch) {
            return "anchor-epoch-" + epoch;
        }

        @Override
        public String toString() {
            return NAME;
        }
    }

    record Fund() implements Step {

        private static final String NAME = "fund";

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public String firstIntentId(long epoch) {
            return "fund-epoch-" + epoch;
        }

        @Override
        public String toString() {
            return NAME;
        }
    }

    /** The push of batch {@code number} of the epoch's payouts, in ascending address order. */
    record Batch(int number) implements Step {

        private static final String PREFIX = "batch-";

        public Batch {
            if (number < 1) {
                throw new IllegalArgumentException("batches are numbered from 1");
            }
        }

        @Override
        public String name() {
            return PREFIX + number;
        }

        @Override
        public String firstIntentId(long epoch) {
            return "push-epoch-" + epoch + "-batch-" + number;
        }

        @Override
        public String toString() {
            return name();
        }
    }
}
