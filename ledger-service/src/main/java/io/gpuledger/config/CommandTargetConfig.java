package io.gpuledger.config;

import io.gpuledger.lease.api.LeaseCommand;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How Axon finds the aggregate a command is for, for every aggregate. A lease command names its
 * lease through {@link LeaseCommand}; any other command through its annotated member, as Axon's
 * default does. Axon's default looks the annotated member up by reflection on every command, which
 * was 5% of the usage path's samples when a batch sent a command per lease.
 *
 * <p>The commands sent on the bus to an existing lease are a price change and a close. Usage is not
 * among them: a single report ({@code RecordUsageCommand}) and a batch ({@code RecordUsageAcrossLeasesCommand})
 * are handled by {@code lease.UsageAcrossLeases}, which loads each lease (and a prepaid lease's tenant
 * account) from its repository by key, so this resolver is not asked.
 */
@Configuration
public class CommandTargetConfig {

    @Bean
    public CommandTargetResolver commandTargetResolver() {
        CommandTargetResolver annotated = AnnotationCommandTargetResolver.builder().build();
        return command -> command.getPayload() instanceof LeaseCommand lease
                ? new VersionedAggregateIdentifier(lease.leaseKey(), null)
                : annotated.resolveTarget(command);
    }
}
