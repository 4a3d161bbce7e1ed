package io.gpuledger.config;

import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.api.RecordUsageAcrossLeasesCommand;
import io.gpuledger.lease.api.RecordUsageBatchCommand;
import io.gpuledger.lease.api.RecordUsageCommand;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's message origin (correlation and trace ids, copied into the metadata of every message a
 * handler sends or applies) on every message except usage. Usage is recorded by the thousand per
 * second and each event already names its lease and report; writing two ids into every usage
 * event and reading them back in every processor cost more than recording the report itself.
 */
@Configuration
public class MessageOriginConfig {

    private static final Set<Class<?>> USAGE = Set.of(RecordUsageCommand.class, RecordUsageBatchCommand.class,
            RecordUsageAcrossLeasesCommand.class, UsageRecordedEvent.class, TenantChargedEvent.class);

    @Bean
    public CorrelationDataProvider messageOriginExceptUsage() {
        MessageOriginProvider origin = new MessageOriginProvider();
        return message -> USAGE.contains(message.getPayloadType()) ? Map.of() : origin.correlationDataFor(message);
    }
}
