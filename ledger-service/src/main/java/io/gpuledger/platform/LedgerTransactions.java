package io.gpuledger.platform;

import java.util.function.Supplier;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Runs work as one Axon unit of work bound to one database transaction: every command sent inside
 * appends its events in a single batch at commit, together with any JDBC writes made meanwhile.
 * If anything fails, nothing is written and the aggregate cache forgets what the commands did.
 */
@Component
public class LedgerTransactions {

    private final TransactionManager transactionManager;

    public LedgerTransactions(TransactionManager transactionManager) {
        this.transactionManager = transactionManager;
    }

    public <R> R inTransaction(Supplier<R> work) {
        if (CurrentUnitOfWork.isStarted()) {
            return work.get();
        }
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        ResultMessage<R> result = unitOfWork.executeWithResult(work::get);
        if (result.isExceptional()) {
            Throwable failure = result.exceptionResult();
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(failure);
        }
        return result.getPayload();
    }
}
