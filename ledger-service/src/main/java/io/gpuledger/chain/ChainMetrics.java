package io.gpuledger.chain;

import io.gpuledger.platform.RefreshedGauges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigInteger;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Gauges of the chain gateway: intents by state ({@code ledger_chain_intents{state}}) and, with a chain,
 * the signer's balance for gas ({@code ledger_chain_signer_balance_wei}). Both are read on a schedule
 * ({@code ledger.metrics.refresh-interval}), never per scrape: a slow node must not slow a scrape.
 */
@Component
class ChainMetrics implements RefreshedGauges {

    private static final Logger log = LoggerFactory.getLogger(ChainMetrics.class);

    private final IntentStore intents;
    private final ChainAccount account;
    private final ChainNode node;
    private final Map<IntentStatus, Long> byState = new ConcurrentHashMap<>();
    /** The signer's balance in wei, exact; null while the node does not answer. */
    private final AtomicReference<BigInteger> balanceWei = new AtomicReference<>();
    private boolean nodeDown;

    ChainMetrics(MeterRegistry registry, IntentStore intents, ChainAccount account, ChainNode node) {
        this.intents = intents;
        this.account = account;
        this.node = node;
        for (IntentStatus status : IntentStatus.values()) {
            byState.put(status, 0L);
            Gauge.builder("ledger.chain.intents", byState, m -> m.get(status)).tag("state", status.name())
                    .description("Chain intents in each state").register(registry);
        }
        if (account.enabled()) {
            // A gauge's value is a double by Micrometer's contract: converted only as it is read.
            Gauge.builder("ledger.chain.signer.balance.wei", balanceWei,
                            b -> b.get() == null ? Double.NaN : b.get().doubleValue())
                    .description("The signer's balance for gas, in wei (NaN while the node does not answer)")
                    .register(registry);
        }
    }

    @Override
    public void refresh() {
        Map<String, Long> counts = intents.countsByStatus();
        for (IntentStatus status : IntentStatus.values()) {
            byState.put(status, counts.getOrDefault(status.name(), 0L));
        }
        if (account.enabled()) {
            readBalance();
        }
    }

    private void readBalance() {
        try {
            balanceWei.set(node.balanceWei(account.signer().address()));
            nodeDown = false;
        } catch (ChainUnavailable e) {
            balanceWei.set(null);
            if (!nodeDown) {
                log.warn("The signer's balance could not be read: the chain's node did not answer");
            }
            nodeDown = true;
        }
    }
}
