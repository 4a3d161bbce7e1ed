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
 * default does. Axon's default looks the annotated member up by reflection on every command, and a
 * usage batch sends one command per lease.
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
