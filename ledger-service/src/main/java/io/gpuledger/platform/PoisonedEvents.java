package io.gpuledger.platform;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * Decides what a projection's failed event becomes: a dead letter, or a failed batch.
 *
 * <p>A processor's batch is one transaction. A handler that fails may have written part of its rows
 * (or, on an SQL error, left PostgreSQL's transaction aborted), so the event cannot simply be dead
 * lettered where it failed. The first failure of an event fails the whole batch, which rolls back,
 * and marks the event a suspect; the processor then runs the batch again, and this time a savepoint
 * is taken before the suspect's handlers run. If they fail again, the transaction returns to the
 * savepoint and the event is dead lettered; the batch commits without it. If they succeed (the
 * failure was passing), nothing is dead lettered. Savepoints are taken only for suspects: one per
 * event would cost a round trip and a subtransaction on every event of the usage path.
 *
 * <p>A failure on a unique key is an event applied twice (see {@link AppliedEvents}): it always fails
 * the batch and is never dead lettered, so that the guard keeps working.
 */
@Component
public class PoisonedEvents {

    private static final String SAVEPOINT = PoisonedEvents.class.getName() + ".savepoint";
    private static final String UNIQUE_VIOLATION = "23505";
    /** Suspects kept at most; a segment that moved to another instance leaves its suspects here. */
    private static final int MAX_SUSPECTS = 10_000;

    private final DataSource dataSource;
    private final Set<String> suspects = ConcurrentHashMap.newKeySet();

    public PoisonedEvents(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Lets a handler that keeps state across a batch's events (such as rows gathered to be written at
     * commit) take back what it kept of an event that is dead lettered after all.
     */
    public static void onUndo(Runnable undo) {
        if (CurrentUnitOfWork.isStarted()) {
            EventSavepoint savepoint = CurrentUnitOfWork.get().getResource(SAVEPOINT);
            if (savepoint != null) {
                savepoint.undos().add(undo);
            }
        }
    }

    /** The policy of one processing group's dead-letter queue. */
    public EnqueuePolicy<EventMessage<?>> policy(String processingGroup) {
        return (letter, cause) -> decide(processingGroup, letter, cause);
    }

    /** Takes a savepoint before a suspect event's handlers run; registered on the group's processor. */
    public MessageHandlerInterceptor<EventMessage<?>> savepoints(String processingGroup) {
        return (unitOfWork, chain) -> {
            String suspect = key(processingGroup, unitOfWork.getMessage());
            if (!suspects.contains(suspect)) {
                return chain.proceed();
            }
            unitOfWork.afterCommit(u -> suspects.remove(suspect));
            Connection connection = DataSourceUtils.getConnection(dataSource);
            unitOfWork.resources().put(SAVEPOINT, new EventSavepoint(connection, connection.setSavepoint(),
                    new ArrayList<>()));
            try {
                return chain.proceed();
            } finally {
                unitOfWork.resources().remove(SAVEPOINT);
            }
        };
    }

    private EnqueueDecision<EventMessage<?>> decide(String processingGroup, DeadLetter<? extends EventMessage<?>> letter,
                                                    Throwable cause) {
        if (letter instanceof JdbcDeadLetter) {
            // A retry of a dead letter failed again; its own transaction rolled back, and it stays queued.
            return Decisions.requeue(ThrowableCause.truncated(cause));
        }
        if (isUniqueViolation(cause)) {
            throw new BatchMustRetry("event " + letter.message().getIdentifier() + " was applied twice in "
                    + processingGroup + "; the batch rolls back", cause);
        }
        EventSavepoint savepoint = CurrentUnitOfWork.isStarted() ? CurrentUnitOfWork.get().getResource(SAVEPOINT) : null;
        if (savepoint == null) {
            if (suspects.size() >= MAX_SUSPECTS) {
                suspects.clear();
            }
            suspects.add(key(processingGroup, letter.message()));
            throw new BatchMustRetry("event " + letter.message().getIdentifier() + " failed in " + processingGroup
                    + "; the batch rolls back and runs again, dead lettering the event if it fails again", cause);
        }
        savepoint.rollBack();
        return Decisions.enqueue(ThrowableCause.truncated(cause));
    }

    private static String key(String processingGroup, EventMessage<?> message) {
        return processingGroup + "/" + message.getIdentifier();
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The failure that fails a projection's batch, so that its processor rolls it back and runs it again. */
    public static final class BatchMustRetry extends RuntimeException {
        BatchMustRetry(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record EventSavepoint(Connection connection, Savepoint savepoint, List<Runnable> undos) {
        void rollBack() {
            try {
                connection.rollback(savepoint);
            } catch (SQLException e) {
                throw new BatchMustRetry("could not return to the savepoint before a failed event", e);
            }
            undos.forEach(Runnable::run);
            undos.clear();
        }
    }
}
