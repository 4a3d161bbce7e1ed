package io.gpuledger.settlement;

import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.platform.SequenceRaces;
import jakarta.annotation.PreDestroy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * Sends an epoch close's work across leases as batch commands of {@link #SIZE} leases, each in a
 * transaction of its own, one after another on a thread of their own (outside any caller's unit of
 * work): one dispatch and one append per batch instead of per lease. A batch holds its leases' locks
 * until it commits, so batches stay small enough not to stall the usage path. A batch that loses a
 * sequence race at commit (another writer, or another instance, appended to one of its leases) is
 * rolled back whole and sent again; its leases decide anew, so nothing is recorded twice.
 *
 * <p>One at a time: the profile of the mix benchmark put the close's cost in loading the leases (which
 * a batch now reads at once, {@code lease.LeasePrefetch}), not in dispatching, so a window of batches
 * in flight bought nothing measurable; it would
 * also commit them out of order, which the projections take (they name applied events by identifier
 * and place them by the store's own index, see {@code platform.AppliedEvents}) but which no test covers.
 */
@Component
class LeaseBatches {

    static final int SIZE = 200;

    private final CommandGateway commands;
    private final LedgerTransactions transactions;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "lease-batches");
        thread.setDaemon(true);
        return thread;
    });

    LeaseBatches(CommandGateway commands, LedgerTransactions transactions) {
        this.commands = commands;
        this.transactions = transactions;
    }

    /** Sends {@code items} (sorted by lease key) in batches; answers the sum of the batches' Integer results. */
    <T> int send(List<T> items, Function<List<T>, Object> batchCommand) {
        try {
            return CompletableFuture.supplyAsync(() -> sendAll(items, batchCommand), sender).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private <T> int sendAll(List<T> items, Function<List<T>, Object> batchCommand) {
        int total = 0;
        for (int from = 0; from < items.size(); from += SIZE) {
            total += sendRetryingConflicts(batchCommand.apply(List.copyOf(items.subList(from,
                    Math.min(items.size(), from + SIZE)))));
        }
        return total;
    }

    private int sendRetryingConflicts(Object command) {
        Integer result = SequenceRaces.retrying(() -> transactions.inTransaction(() -> commands.sendAndWait(command)),
                () -> { });
        return result == null ? 0 : result;
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
