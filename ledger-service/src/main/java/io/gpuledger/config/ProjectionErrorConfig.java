package io.gpuledger.config;

import io.gpuledger.platform.PoisonedEvents;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * What a projection does with an event its handlers fail on.
 *
 * <p>Every processing group has Axon's JDBC sequenced dead-letter queue (table dead_letter_entry,
 * migrations/V110): an event that keeps failing is kept there with its cause, and the later events
 * of its aggregate queue up behind it, while the projection goes on with every other aggregate.
 * {@link PoisonedEvents} decides: a first failure fails the whole batch (nothing of it commits, the
 * token stays), the batch runs again and the event is dead lettered only if it fails again; an
 * event applied twice always fails its batch. Axon's default, which logs and skips the event, would
 * leave a read model silently without it.
 */
@Configuration
public class ProjectionErrorConfig {

    public static final DeadLetterSchema DEAD_LETTER_SCHEMA = DeadLetterSchema.builder()
            .deadLetterTable("dead_letter_entry")
            .deadLetterIdentifierColumn("dead_letter_id")
            .processingGroupColumn("processing_group")
            .sequenceIdentifierColumn("sequence_identifier")
            .sequenceIndexColumn("sequence_index")
            .messageTypeColumn("message_type")
            .eventIdentifierColumn("event_identifier")
            .timestampColumn("time_stamp")
            .payloadTypeColumn("payload_type")
            .payloadRevisionColumn("payload_revision")
            .payloadColumn("payload")
            .metaDataColumn("meta_data")
            .aggregateTypeColumn("aggregate_type")
            .aggregateIdentifierColumn("aggregate_identifier")
            .sequenceNumberColumn("sequence_number")
            .tokenTypeColumn("token_type")
            .tokenColumn("token")
            .enqueuedAtColumn("enqueued_at")
            .lastTouchedColumn("last_touched")
            .processingStartedColumn("processing_started")
            .causeTypeColumn("cause_type")
            .causeMessageColumn("cause_message")
            .diagnosticsColumn("diagnostics")
            .build();

    /**
     * Aggregates a group may hold dead lettered at once. More means something is wrong with the
     * projection rather than with some events: the queue refuses the next one and the processor stops
     * on it, as it would without a queue.
     */
    public static final int MAX_DEAD_SEQUENCES = 1024;
    /** Events that may queue behind one dead letter (a busy lease reports usage every minute). */
    public static final int MAX_SEQUENCE_SIZE = 100_000;

    @Autowired
    void deadLetterProjections(EventProcessingConfigurer processing, ListableBeanFactory beans,
                               ObjectProvider<ConnectionProvider> connections,
                               ObjectProvider<TransactionManager> transactions,
                               ObjectProvider<PlatformTransactionManager> platformTransactions,
                               @Qualifier("eventSerializer") ObjectProvider<Serializer> eventSerializer,
                               ObjectProvider<Serializer> genericSerializer, PoisonedEvents poisoned) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
        for (String group : processingGroups(beans)) {
            processing.registerDeadLetterQueue(group, configuration -> queue(group, connections.getObject(),
                    transactions.getObject(), eventSerializer.getObject(), genericSerializer.getObject()));
            processing.registerDeadLetterPolicy(group, configuration -> poisoned.policy(group));
            processing.registerHandlerInterceptor(group, configuration -> poisoned.savepoints(group));
            processing.registerDeadLetteringEventHandlerInvokerConfiguration(group, (configuration, invoker) -> invoker
                    // Remembers which aggregates are dead lettered, so that a group with none asks nothing per event.
                    .enableSequenceIdentifierCache()
                    // A rebuild replays every event, dead lettered ones included: the queue starts empty again.
                    .allowReset(true)
                    // A retry runs each dead letter in a savepoint of the retry's transaction: one that fails
                    // again rolls back alone and is requeued, the others' work commits.
                    .transactionManager(new SavepointTransactions(platformTransactions.getObject())));
        }
    }

    private static SequencedDeadLetterQueue<EventMessage<?>> queue(String group, ConnectionProvider connections,
                                                                    TransactionManager transactions,
                                                                    Serializer eventSerializer,
                                                                    Serializer genericSerializer) {
        return JdbcSequencedDeadLetterQueue.builder()
                .processingGroup(group)
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(DEAD_LETTER_SCHEMA)
                .eventSerializer(eventSerializer)
                .genericSerializer(genericSerializer)
                .maxSequences(MAX_DEAD_SEQUENCES)
                .maxSequenceSize(MAX_SEQUENCE_SIZE)
                .build();
    }

    /**
     * Axon's Spring transaction manager in savepoints: inside a transaction each unit of work is a
     * savepoint, which its commit releases and its rollback returns to. Axon's own commits and rolls
     * back only transactions it began, so a nested unit of work that failed would keep its writes.
     */
    static final class SavepointTransactions extends SpringTransactionManager {

        private final PlatformTransactionManager transactions;

        SavepointTransactions(PlatformTransactionManager transactions) {
            super(transactions, new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
            this.transactions = transactions;
        }

        @Override
        protected void commitTransaction(TransactionStatus status) {
            if (status.hasSavepoint() && !status.isCompleted()) {
                transactions.commit(status);
            } else {
                super.commitTransaction(status);
            }
        }

        @Override
        protected void rollbackTransaction(TransactionStatus status) {
            if (status.hasSavepoint() && !status.isCompleted()) {
                transactions.rollback(status);
            } else {
                super.rollbackTransaction(status);
            }
        }
    }

    /** Every processing group an event handler bean names: all of them are projections. */
    static Set<String> processingGroups(ListableBeanFactory beans) {
        Set<String> groups = new TreeSet<>();
        for (String name : beans.getBeanNamesForAnnotation(ProcessingGroup.class)) {
            groups.add(Objects.requireNonNull(beans.findAnnotationOnBean(name, ProcessingGroup.class)).value());
        }
        return groups;
    }
}
