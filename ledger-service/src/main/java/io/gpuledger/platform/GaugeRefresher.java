package io.gpuledger.platform;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Refreshes every {@link RefreshedGauges} on the metrics schedule; one that fails leaves the others' values fresh. */
@Component
class GaugeRefresher {

    private static final Logger log = LoggerFactory.getLogger(GaugeRefresher.class);

    private final List<RefreshedGauges> gauges;

    GaugeRefresher(List<RefreshedGauges> gauges) {
        this.gauges = gauges;
    }

    // Not in the command-line modes (no background work there), whose database may be behind the schema.
    @EventListener(value = ApplicationReadyEvent.class,
            condition = "@environment.getProperty('ledger.scheduling.enabled', 'true') == 'true'")
    @Scheduled(fixedDelayString = "${ledger.metrics.refresh-interval:PT15S}")
    void refresh() {
        for (RefreshedGauges gauge : gauges) {
            try {
                gauge.refresh();
            } catch (RuntimeException e) {
                log.warn("the gauges of {} could not be read: {}", gauge.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
