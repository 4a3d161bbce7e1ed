package io.gpuledger.processing;

import io.gpuledger.platform.RefreshedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.stereotype.Component;

/**
 * Gauge {@code ledger_dead_letters{processing_group}}: the dead letters each projection holds, 0 for
 * a group with none, so that {@code ledger_dead_letters > 0} can raise an alert. Counted from the
 * shared table, so every instance reports the same number; read on the metrics schedule
 * ({@code ledger.metrics.refresh-interval}) rather than per scrape.
 */
@Component
class DeadLetterMetrics implements RefreshedGauges {

    private final DeadLetters deadLetters;
    private final EventProcessingConfiguration processing;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> groups = new ConcurrentHashMap<>();

    DeadLetterMetrics(DeadLetters deadLetters, EventProcessingConfiguration processing, MeterRegistry registry) {
        this.deadLetters = deadLetters;
        this.processing = processing;
        this.registry = registry;
    }

    @Override
    public void refresh() {
        Map<String, Long> counts = deadLetters.counts();
        // Each projection's processor is named after its processing group.
        for (String group : processing.eventProcessors().keySet()) {
            gauge(group).set(counts.getOrDefault(group, 0L));
        }
        counts.forEach((group, letters) -> gauge(group).set(letters));
    }

    private AtomicLong gauge(String group) {
        return groups.computeIfAbsent(group, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("ledger.dead.letters", value, AtomicLong::get).tag("processing_group", name)
                    .description("Events a projection failed on, and those queued behind them, awaiting a retry")
                    .register(registry);
            return value;
        });
    }
}
