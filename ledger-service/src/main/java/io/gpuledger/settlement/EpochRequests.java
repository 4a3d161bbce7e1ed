package io.gpuledger.settlement;

import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.ChainInfo;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.RequestEpochAnchorCommand;
import io.gpuledger.settlement.api.RequestPayoutPushCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * What the operator's routes ask of an epoch: start anchoring it, or start pushing its payouts
 * (which anchors it first). The request is recorded on the epoch's aggregate, inside the route's
 * transaction; the settlement driver does the chain work. Asking again changes nothing, except that
 * it retries a step that failed.
 */
@Component
class EpochRequests {

    private final ClosedEpochs closedEpochs;
    private final CommandGateway commands;
    private final ChainGateway chain;
    private final SettlementProperties properties;

    EpochRequests(ClosedEpochs closedEpochs, CommandGateway commands, ChainGateway chain,
                  SettlementProperties properties) {
        this.closedEpochs = closedEpochs;
        this.commands = commands;
        this.chain = chain;
        this.properties = properties;
    }

    EpochClosedEvent requestAnchor(long epoch) {
        EpochClosedEvent closed = closed(epoch);
        commands.sendAndWait(new RequestEpochAnchorCommand(epoch, closed.payoutRoot(), closed.eventsRoot(),
                closed.totalUnits(), closed.payouts()));
        return closed;
    }

    EpochClosedEvent requestPush(long epoch) {
        EpochClosedEvent closed = closed(epoch);
        commands.sendAndWait(new RequestPayoutPushCommand(epoch, properties.pushBatchSize(), closed.payoutRoot(),
                closed.eventsRoot(), closed.totalUnits(), closed.payouts()));
        return closed;
    }

    private EpochClosedEvent closed(long epoch) {
        requireContracts();
        return closedEpochs.find(epoch)
                .orElseThrow(() -> new LedgerRejection(RejectionCode.EPOCH_NOT_FOUND, "no epoch " + epoch));
    }

    /** Without a chain, or without the contracts' addresses, nothing can be anchored: 503 before anything is recorded. */
    private void requireContracts() {
        ChainInfo info = chain.info();
        if (info.tokenAddress() == null || info.anchorAddress() == null || info.distributorAddress() == null) {
            throw new LedgerRejection(RejectionCode.CHAIN_NOT_CONFIGURED, "set LEDGER_TOKEN_ADDRESS, "
                    + "LEDGER_ANCHOR_ADDRESS and LEDGER_DISTRIBUTOR_ADDRESS to settle epochs on-chain");
        }
    }
}
