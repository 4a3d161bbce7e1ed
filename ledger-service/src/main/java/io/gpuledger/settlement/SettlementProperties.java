package io.gpuledger.settlement;

import io.gpuledger.settlement.api.FundingMode;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the epoch process (docs/ARCHITECTURE.md, "Settlement epochs").
 *
 * @param funding        how the distributor receives each epoch's total: MINT (the signer owns the
 *                       token, as on local chains) or TRANSFER (from the signer's balance, the treasury)
 * @param pushBatchSize  payouts per push transaction; recorded per epoch when its pushing starts
 * @param driverInterval the pause between two rounds of the driver that advances unfinished epochs
 * @param stuckAfter     how long an epoch's intent may stay unfinished before reconciliation calls it stuck
 * @param logFromBlock   the first block reconciliation reads the contracts' logs from (their deployment)
 * @param logBlockRange  the most blocks one eth_getLogs call asks for; nodes limit the range
 */
@ConfigurationProperties("ledger.settlement")
public record SettlementProperties(FundingMode funding, Integer pushBatchSize, Duration driverInterval,
                                   Duration stuckAfter, Long logFromBlock, Long logBlockRange) {

    /** Under the 2^24 gas a transaction may use since EIP-7825, at the driver's gas per payout. */
    public static final int MAX_PUSH_BATCH_SIZE = 400;

    public SettlementProperties {
        funding = funding == null ? FundingMode.TRANSFER : funding;
        pushBatchSize = pushBatchSize == null ? 200 : pushBatchSize;
        driverInterval = driverInterval == null ? Duration.ofSeconds(2) : driverInterval;
        stuckAfter = stuckAfter == null ? Duration.ofMinutes(15) : stuckAfter;
        logFromBlock = logFromBlock == null ? 0 : logFromBlock;
        logBlockRange = logBlockRange == null ? 10_000 : logBlockRange;
        if (pushBatchSize < 1 || pushBatchSize > MAX_PUSH_BATCH_SIZE) {
            throw new IllegalStateException("LEDGER_SETTLEMENT_PUSH_BATCH_SIZE must be from 1 to " + MAX_PUSH_BATCH_SIZE);
        }
        if (logFromBlock < 0 || logBlockRange < 1) {
            throw new IllegalStateException("ledger.settlement.log-from-block must be >= 0 and log-block-range >= 1");
        }
    }
}
