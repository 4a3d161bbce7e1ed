package io.gpuledger.settlement.onchain;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.settlement.EpochViews;
import io.gpuledger.settlement.EpochViews.EpochView;
import io.gpuledger.settlement.SettlementProperties;
import io.gpuledger.settlement.api.RecordPayoutClaimedCommand;
import java.util.List;
import java.util.OptionalLong;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Picks up claims that providers make directly on the distributor: reads its PayoutPaid logs (one per
 * claim; pushes log PayoutsPushed), up to the confirmed depth, and records each on the epoch's aggregate. A
 * stored cursor (settlement_log_cursor) says where to read next; recording a claim twice changes
 * nothing, so a crash between recording and moving the cursor is harmless.
 *
 * <p>It reads only while some started epoch is unpaid. The first read starts at the lowest anchor
 * block among those epochs: no claim can precede its epoch's anchor, and a paid epoch takes no claims.
 */
@Component
class ClaimWatcher {

    private static final Logger log = LoggerFactory.getLogger(ClaimWatcher.class);

    private final JdbcTemplate jdbc;
    private final EpochViews views;
    private final SettlementChain chain;
    private final CommandGateway commands;
    private final LedgerTransactions transactions;
    private final SettlementProperties properties;

    ClaimWatcher(JdbcTemplate jdbc, EpochViews views, SettlementChain chain, CommandGateway commands,
                 LedgerTransactions transactions, SettlementProperties properties) {
        this.jdbc = jdbc;
        this.views = views;
        this.chain = chain;
        this.commands = commands;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** Reads the next range of confirmed blocks, at most log-block-range of them. */
    void poll() {
        List<EpochView> unfinished = views.unfinished();
        if (unfinished.isEmpty()) {
            return;
        }
        String distributor = chain.addresses().distributor();
        long chainId = chain.chainId();
        Long next = cursor(chainId, distributor);
        if (next == null) {
            OptionalLong firstAnchor = unfinished.stream().filter(EpochView::anchored)
                    .mapToLong(EpochView::anchorBlock).min();
            if (firstAnchor.isEmpty()) {
                return; // nothing is anchored yet, so nothing can be claimed yet
            }
            next = firstAnchor.getAsLong();
        }
        long finalized = chain.finalizedHead();
        if (next > finalized) {
            return;
        }
        long to = Math.min(finalized, next + properties.logBlockRange() - 1);
        for (SettlementCalls.PayoutPaid paid : chain.claimLogs(next, to)) {
            if (!paid.pushed()) {
                record(paid);
            }
        }
        saveCursor(chainId, distributor, to + 1);
    }

    private void record(SettlementCalls.PayoutPaid claim) {
        try {
            transactions.inTransaction(() -> commands.sendAndWait(new RecordPayoutClaimedCommand(claim.epoch(),
                    claim.account(), claim.amountUnits(), claim.txHash(), claim.blockNumber())));
        } catch (AggregateNotFoundException e) {
            log.warn("A claim in epoch {} that this ledger never put on-chain: {} units to {} by {}; reconciliation "
                    + "reports it", claim.epoch(), claim.amountUnits(), claim.account(), claim.txHash());
        } catch (LedgerRejection e) {
            log.warn("A claim that does not fit epoch {}: {} ({}); reconciliation reports it", claim.epoch(),
                    e.getMessage(), claim.txHash());
        }
    }

    /** The next block the watcher will read, or null before its first read. */
    Long nextBlock() {
        return cursor(chain.chainId(), chain.addresses().distributor());
    }

    private Long cursor(long chainId, String contract) {
        return jdbc.query("SELECT next_block FROM settlement_log_cursor WHERE chain_id = ? AND contract = ?",
                (rs, i) -> rs.getLong(1), chainId, contract.toLowerCase()).stream().findFirst().orElse(null);
    }

    private void saveCursor(long chainId, String contract, long nextBlock) {
        jdbc.update("""
                INSERT INTO settlement_log_cursor (chain_id, contract, next_block) VALUES (?, ?, ?)
                ON CONFLICT (chain_id, contract) DO UPDATE SET next_block = EXCLUDED.next_block, updated_at = now()
                """, chainId, contract.toLowerCase(), nextBlock);
    }
}
