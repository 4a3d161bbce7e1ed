package io.gpuledger.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Commands run inside a unit of work that {@code LedgerTransactions} opens with the database
 * transaction attached, so that many commands (a usage batch, an idempotency record) commit as
 * one. The bus itself therefore opens no transaction: a command nested in that unit of work that
 * fails must not mark the shared transaction rollback-only, or one unknown lease in a batch
 * would reject every other report.
 */
@Configuration
public class CommandBusConfig {

    @Bean
    @Qualifier("localSegment")
    public SimpleCommandBus commandBus(org.axonframework.config.Configuration axon,
                                       DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus bus = SimpleCommandBus.builder()
                .transactionManager(NoTransactionManager.INSTANCE)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }
}
