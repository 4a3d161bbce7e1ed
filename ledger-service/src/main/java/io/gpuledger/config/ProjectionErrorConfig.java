package io.gpuledger.config;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * A projection that fails on an event fails its whole batch: nothing of the batch is committed, its
 * token stays where it was, and the processor retries (logging the failure) instead of moving on.
 * Axon's default logs the failure and continues with the next event, which would leave a read model
 * silently missing what that event said.
 */
@Configuration
public class ProjectionErrorConfig {

    @Autowired
    void failBatchesOnHandlerErrors(EventProcessingConfigurer processing) {
        processing.registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
    }
}
