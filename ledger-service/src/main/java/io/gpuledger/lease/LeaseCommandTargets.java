package io.gpuledger.lease;

import io.gpuledger.lease.api.LeaseCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.IdentifierMissingException;
import org.axonframework.modelling.command.VersionedAggregateIdentifier;
import org.springframework.stereotype.Component;

/**
 * Finds the lease a command is for through {@link LeaseCommand}. Axon's default looks for an
 * annotated member by reflection on every command, and a usage batch sends one command per lease.
 */
@Component(LeaseCommandTargets.BEAN)
class LeaseCommandTargets implements CommandTargetResolver {

    static final String BEAN = "leaseCommandTargets";

    @Override
    public VersionedAggregateIdentifier resolveTarget(CommandMessage<?> command) {
        if (command.getPayload() instanceof LeaseCommand leaseCommand) {
            return new VersionedAggregateIdentifier(leaseCommand.leaseKey(), null);
        }
        throw new IdentifierMissingException(command.getPayloadType().getName() + " names no lease");
    }
}
