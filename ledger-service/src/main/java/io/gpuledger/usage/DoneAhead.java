package io.gpuledger.usage;

import java.util.function.Supplier;

/**
 * Work done before a write's transaction, handed to it: its value, or the exception it threw,
 * thrown where the transaction asks for the value. The request is refused at the same point and by
 * the same exception as if the work ran inside, but the work runs once, holding no connection, even
 * when the transaction is run again after losing a race.
 */
final class DoneAhead<T> implements Supplier<T> {

    private final T value;
    private final RuntimeException failure;

    private DoneAhead(T value, RuntimeException failure) {
        this.value = value;
        this.failure = failure;
    }

    static <T> DoneAhead<T> of(Supplier<T> work) {
        try {
            return new DoneAhead<>(work.get(), null);
        } catch (RuntimeException e) {
            return new DoneAhead<>(null, e);
        }
    }

    @Override
    public T get() {
        if (failure != null) {
            throw failure;
        }
        return value;
    }
}
