package io.gpuledger.config;

import io.gpuledger.eventstore.AuthenticatedAppends;
import io.gpuledger.eventstore.EventMacs;
import io.gpuledger.eventstore.PrefetchingEventStorageEngine;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Axon's JDBC engine, pointed at the snake_case tables that migrations/V1 creates. */
@Configuration
public class AxonStorageConfig {

    /** PostgreSQL's SQLState for a unique_violation. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Tells Axon when an append hit the (aggregate, sequence) unique key, so that opening a lease
     * twice surfaces as AggregateStreamCreationException (LEASE_EXISTS). Axon's default resolver
     * only knows SQLIntegrityConstraintViolationException, which the PostgreSQL driver never throws.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return AxonStorageConfig::isUniqueViolation;
    }

    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Axon's JDBC components take the connection of the Spring transaction that LedgerTransactions
     * (or an event processor) opened, and leave committing and rolling back to that transaction.
     * Axon's default wraps this provider in a UnitOfWorkAwareConnectionProviderWrapper, which
     * registers commit and rollback of the shared connection on whichever unit of work first asks
     * for it: when that is a command nested in a request (a lease loaded for a usage batch), the
     * command's own commit or rollback committed or rolled back the whole request's work so far.
     * A batch naming an unknown lease thereby lost its Idempotency-Key record while its accepted
     * reports were still appended.
     */
    @Bean
    public ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Axon's JDBC engine as its Spring Boot configuration builds it, but for the append, which also
     * writes each event's MAC under the ledger's event key (eventstore.AuthenticatedAppends), and for
     * reads, which batch commands can make for many aggregates at once (eventstore.PrefetchingEventStorageEngine).
     */
    @Bean
    public PrefetchingEventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager, EventSchema eventSchema,
                                                 EventMacs macs) {
        return new PrefetchingEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .appendEvents(new AuthenticatedAppends(macs)), transactionManager);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }
}
