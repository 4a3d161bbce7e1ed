package io.gpuledger.platform;

/**
 * Gauges whose values are read on the metrics schedule ({@code ledger.metrics.refresh-interval}, 15 s
 * by default, and once when the service is ready), never per scrape: a slow database or node must
 * not slow a scrape. {@link GaugeRefresher} calls every such bean.
 */
public interface RefreshedGauges {

    void refresh();
}
