package io.gpuledger.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gauges {@code ledger_processor_lag{processor}} and {@code ledger_sealer_lag}, in event store positions
 * ({@link ProjectionLag}), read on a schedule ({@code ledger.metrics.refresh-interval}) rather than per scrape.
 */
@Component
class LagMetrics {

    private final ProjectionLag lag;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> processors = new ConcurrentHashMap<>();
    private final AtomicLong sealer = new AtomicLong();

    LagMetrics(ProjectionLag lag, MeterRegistry registry) {
        this.lag = lag;
        this.registry = registry;
        Gauge.builder("ledger.sealer.lag", sealer, AtomicLong::get)
                .description("Event store positions the seal chain trails the head by").register(registry);
    }

    // Not in the command-line modes (no background work there), whose database may be behind the schema.
    @EventListener(value = ApplicationReadyEvent.class,
            condition = "@environment.getProperty('ledger.scheduling.enabled', 'true') == 'true'")
    @Scheduled(fixedDelayString = "${ledger.metrics.refresh-interval:PT15S}")
    void refresh() {
        lag.processors().forEach((processor, positions) -> processors.computeIfAbsent(processor, name -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("ledger.processor.lag", value, AtomicLong::get).tag("processor", name)
                    .description("Event store positions the processor's slowest segment trails the head by")
                    .register(registry);
            return value;
        }).set(positions));
        sealer.set(lag.sealer());
    }
}
