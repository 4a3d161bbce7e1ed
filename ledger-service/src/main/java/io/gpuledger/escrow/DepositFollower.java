package io.gpuledger.escrow;

import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.chain.ChainProperties;
import io.gpuledger.chain.ChainReader;
import io.gpuledger.platform.ClusterSingleton;
import io.gpuledger.platform.ClusterSingletons;
import io.gpuledger.platform.LedgerTransactions;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Credits the escrow's deposits: each round reads the Deposited logs of the next blocks up to the
 * confirmed depth ({@code head - confirmations + 1}, so a block a reorg drops before then is never
 * read), at most log-block-range of them, and records each log on its tenant's account as a DEPOSIT
 * with id {@code chain:<txHash>:<logIndex>}. A log whose account names no known tenant is kept
 * instead. The cursor moves only after the whole range is recorded or kept: a crash in between reads
 * the range again, and the deposit id makes the repeat change nothing. Then the kept deposits whose
 * tenant has become known are credited. It keeps nothing in memory but what it last logged. It runs
 * on one instance at a time ({@link ClusterSingleton} "escrow-deposits").
 */
@Component
class DepositFollower {

    private static final Logger log = LoggerFactory.getLogger(DepositFollower.class);

    private final ChainReader chain;
    private final ChainProperties chainProperties;
    private final EscrowProperties properties;
    private final EscrowTables tables;
    private final CommandGateway commands;
    private final LedgerTransactions transactions;
    private final ClusterSingleton singleton;
    private String lastProblem;

    DepositFollower(ChainReader chain, ChainProperties chainProperties, EscrowProperties properties,
                    EscrowTables tables, CommandGateway commands, LedgerTransactions transactions,
                    ClusterSingletons singletons) {
        this.singleton = singletons.named("escrow-deposits");
        this.chain = chain;
        this.chainProperties = chainProperties;
        this.properties = properties;
        this.tables = tables;
        this.commands = commands;
        this.transactions = transactions;
    }

    /** One round. Spring never overlaps two; a failed one is logged once per distinct failure and tried again. */
    @Scheduled(fixedDelayString = "${ledger.escrow.interval:PT2S}", initialDelayString = "${ledger.escrow.interval:PT2S}")
    void round() {
        String escrow = chainProperties.escrowAddress();
        if (!chain.enabled() || escrow == null || !singleton.leads()) {
            return; // without an escrow there is nothing to follow; another instance may follow it
        }
        try {
            follow(escrow);
            creditMatched();
            if (lastProblem != null) {
                log.info("The escrow's deposits are followed again");
                lastProblem = null;
            }
        } catch (RuntimeException e) {
            String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                log.error("Following the escrow's deposits failed, tried again next round: {}", problem, e);
                lastProblem = problem;
            }
        }
    }

    /** Reads and records the next range of confirmed blocks; answers the next block to read. */
    long follow(String escrow) {
        long chainId = chain.chainId();
        long next = tables.cursor(chainId, escrow).orElse(properties.fromBlock());
        long confirmed = chain.finalizedHead();
        if (next > confirmed) {
            return next;
        }
        long to = Math.min(confirmed, next + properties.logBlockRange() - 1);
        List<DepositedLog> deposits = chain.logs(escrow, List.of(DepositedLog.TOPIC), next, to).stream()
                .map(DepositedLog::of).toList();
        for (DepositedLog deposit : deposits) {
            Optional<EscrowTables.Tenant> tenant = tables.tenantOf(deposit.account());
            if (tenant.isPresent()) {
                credit(deposit, tenant.get());
            } else if (tables.keepUnmatched(deposit)) {
                log.warn("A deposit of {} units to escrow account {} names no tenant the ledger knows; kept as {} "
                        + "and credited once its tenant opens a lease", deposit.amountUnits(), deposit.accountHex(),
                        deposit.depositId());
            }
        }
        tables.saveCursor(chainId, escrow, to + 1);
        return to + 1;
    }

    /** Credits the kept deposits whose tenant is known now. */
    void creditMatched() {
        for (EscrowTables.Matched matched : tables.waitingAndMatched()) {
            credit(matched.deposit(), matched.tenant());
            tables.markCredited(matched.deposit().depositId(), matched.tenant());
            log.info("Kept deposit {} credited to tenant {} of {}", matched.deposit().depositId(),
                    matched.tenant().tenantId(), matched.tenant().marketplaceId());
        }
    }

    private void credit(DepositedLog deposit, EscrowTables.Tenant tenant) {
        transactions.inTransaction(() -> commands.sendAndWait(new RecordDepositCommand(tenant.marketplaceId(),
                tenant.tenantId(), deposit.depositId(), FundingKind.DEPOSIT, deposit.amountUnits())));
    }
}
