package io.gpuledger.settlement;

import io.gpuledger.lease.api.CloseSlaWindowsCommand;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.reliability.DueSlaLeases;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * Before an epoch takes its cut, asks every lease with an SLA window that ended by the epoch's
 * accrueThrough to close it. Each lease commits in a transaction of its own, on a thread of its own
 * (outside the close request's unit of work), so its credit is in the event store below the cut and
 * the closing epoch pays it. The lease decides: a window closed before is not closed again, so a
 * retried close, or two instances closing at once, record each window once.
 */
@Component
class SlaWindowCloser {

    private static final int CONFLICT_ATTEMPTS = 10;

    private final DueSlaLeases dueLeases;
    private final CommandGateway commands;
    private final LedgerTransactions transactions;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sla-window-closer");
        thread.setDaemon(true);
        return thread;
    });

    SlaWindowCloser(DueSlaLeases dueLeases, CommandGateway commands, LedgerTransactions transactions) {
        this.dueLeases = dueLeases;
        this.commands = commands;
        this.transactions = transactions;
    }

    /** Answers how many windows were closed. */
    int closeThrough(Instant accrueThrough) {
        try {
            return CompletableFuture.supplyAsync(() -> closeAll(accrueThrough), worker).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private int closeAll(Instant accrueThrough) {
        int closed = 0;
        for (DueSlaLeases.DueLease lease : dueLeases.dueBy(accrueThrough)) {
            closed += closeOne(new CloseSlaWindowsCommand(lease.marketplaceId(), lease.leaseId(), accrueThrough));
        }
        return closed;
    }

    /** A lease another writer appended to meanwhile loses its sequence race at commit: it is asked again. */
    private int closeOne(CloseSlaWindowsCommand command) {
        for (int attempt = 1; ; attempt++) {
            try {
                Integer closed = transactions.inTransaction(() -> commands.sendAndWait(command));
                return closed == null ? 0 : closed;
            } catch (RuntimeException e) {
                if (attempt >= CONFLICT_ATTEMPTS || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
