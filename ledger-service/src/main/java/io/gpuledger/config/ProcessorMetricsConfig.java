package io.gpuledger.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * Counts each projection processor's events by outcome: {@code ledger_processor_events_total{processor,
 * outcome}}, outcome {@code HANDLED}, {@code FAILED} or {@code IGNORED} (an event no handler of the
 * processor takes). The counters are made once per processor, so an event costs one increment per
 * processor. Axon's Micrometer module looks its tagged meters up again for every event, ignored ones
 * included, which took about a tenth of the usage path's CPU with a dozen processors.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorMetricsConfig {

    @Autowired
    void countProcessorEvents(EventProcessingConfigurer processing, ListableBeanFactory beans, MeterRegistry registry) {
        for (String group : ProjectionErrorConfig.processingGroups(beans)) {
            ProcessorEvents events = new ProcessorEvents(registry, group);
            processing.registerMessageMonitor(group, configuration -> events);
        }
    }

    /** One processor's counters, and the one callback every event of it reports to. */
    static final class ProcessorEvents implements MessageMonitor<Message<?>>, MessageMonitor.MonitorCallback {

        private final Counter handled;
        private final Counter failed;
        private final Counter ignored;

        ProcessorEvents(MeterRegistry registry, String processor) {
            this.handled = counter(registry, processor, "HANDLED");
            this.failed = counter(registry, processor, "FAILED");
            this.ignored = counter(registry, processor, "IGNORED");
        }

        private static Counter counter(MeterRegistry registry, String processor, String outcome) {
            return Counter.builder("ledger.processor.events").tag("processor", processor).tag("outcome", outcome)
                    .description("Events a projection processor took, by outcome").register(registry);
        }

        @Override
        public MonitorCallback onMessageIngested(Message<?> message) {
            return this;
        }

        @Override
        public void reportSuccess() {
            handled.increment();
        }

        @Override
        public void reportFailure(Throwable cause) {
            failed.increment();
        }

        @Override
        public void reportIgnored() {
            ignored.increment();
        }
    }
}
