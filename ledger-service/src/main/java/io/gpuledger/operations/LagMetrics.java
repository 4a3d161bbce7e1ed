package io.gpuledger.operations;

import io.gpuledger.platform.RefreshedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Gauges {@code ledger_processor_lag{processor}} and {@code ledger_sealer_lag}, in event store positions
 * ({@link ProjectionLag}), read on a schedule ({@code ledger.metrics.refresh-interval}) rather than per scrape.
 */
@Component
class LagMetrics implements RefreshedGauges {

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

    @Override
    public void refresh() {
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
