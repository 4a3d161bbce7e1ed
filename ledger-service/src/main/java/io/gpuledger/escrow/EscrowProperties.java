package io.gpuledger.escrow;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the escrow's deposits are followed (the README lists the environment variables behind them).
 *
 * @param interval      pause between two rounds of the follower
 * @param fromBlock     the first block read when there is no cursor yet: the escrow's deployment
 * @param logBlockRange the most blocks one round reads, in one eth_getLogs call
 */
@ConfigurationProperties("ledger.escrow")
public record EscrowProperties(Duration interval, Long fromBlock, Integer logBlockRange) {

    public EscrowProperties {
        interval = interval == null ? Duration.ofSeconds(2) : interval;
        fromBlock = fromBlock == null ? 0 : fromBlock;
        logBlockRange = logBlockRange == null ? 10000 : logBlockRange;
        if (fromBlock < 0) {
            throw new IllegalStateException("LEDGER_ESCROW_FROM_BLOCK must not be negative");
        }
        if (logBlockRange < 1) {
            throw new IllegalStateException("LEDGER_ESCROW_LOG_BLOCK_RANGE must be at least 1");
        }
    }
}
