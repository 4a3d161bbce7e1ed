package io.gpuledger.settlement.onchain;

import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.ChainInfo;
import io.gpuledger.chain.ChainLog;
import io.gpuledger.chain.ChainReader;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.SettlementProperties;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/** The three settlement contracts and the prepaid escrow as the ledger reads them, through the chain gateway's reader. */
@Component
class SettlementChain {

    record Addresses(String token, String anchor, String distributor) {
    }

    private final ChainReader reader;
    private final ChainGateway gateway;
    private final SettlementProperties properties;

    SettlementChain(ChainReader reader, ChainGateway gateway, SettlementProperties properties) {
        this.reader = reader;
        this.gateway = gateway;
        this.properties = properties;
    }

    boolean enabled() {
        return reader.enabled();
    }

    long chainId() {
        return reader.chainId();
    }

    /** @throws LedgerRejection CHAIN_NOT_CONFIGURED without a chain or without the contracts' addresses */
    Addresses addresses() {
        ChainInfo info = gateway.info();
        if (info.tokenAddress() == null || info.anchorAddress() == null || info.distributorAddress() == null) {
            throw new LedgerRejection(RejectionCode.CHAIN_NOT_CONFIGURED, "set LEDGER_TOKEN_ADDRESS, "
                    + "LEDGER_ANCHOR_ADDRESS and LEDGER_DISTRIBUTOR_ADDRESS to settle epochs on-chain");
        }
        return new Addresses(info.tokenAddress(), info.anchorAddress(), info.distributorAddress());
    }

    long head() {
        return reader.head();
    }

    long finalizedHead() {
        return reader.finalizedHead();
    }

    /** The anchor contract's address, or null when none is configured. */
    String anchorAddress() {
        return gateway.info().anchorAddress();
    }

    boolean isAnchored(long epoch) {
        return SettlementCalls.decodeBool(reader.call(anchorAddress(), SettlementCalls.isAnchoredCall(epoch)));
    }

    SettlementCalls.AnchoredEpoch anchoredEpoch(long epoch) {
        String anchor = addresses().anchor();
        if (!SettlementCalls.decodeBool(reader.call(anchor, SettlementCalls.isAnchoredCall(epoch)))) {
            return new SettlementCalls.AnchoredEpoch(SettlementCalls.decodeBytes32("0x" + "0".repeat(64)),
                    BigInteger.ZERO, 0);
        }
        String payoutRoot = SettlementCalls.decodeBytes32(reader.call(anchor, SettlementCalls.payoutRootCall(epoch)));
        List<SettlementCalls.EpochAnchored> logs = epochAnchoredLogs(epoch, properties.logFromBlock(), head());
        if (logs.isEmpty()) {
            throw new IllegalStateException("epoch " + epoch + " is anchored but its EpochAnchored log was not found");
        }
        return new SettlementCalls.AnchoredEpoch(payoutRoot, logs.get(0).totalUnits(), logs.get(0).blockNumber());
    }

    boolean isPaid(long epoch, String account) {
        return SettlementCalls.decodeBool(reader.call(addresses().distributor(), SettlementCalls.isPaidCall(epoch, account)));
    }

    /** What the distributor has paid for the epoch so far, claims and pushes together. */
    BigInteger paidUnits(long epoch) {
        return SettlementCalls.decodeUint(reader.call(addresses().distributor(), SettlementCalls.epochProgressCall(epoch)), 1);
    }

    /** How much of {@code owner}'s tokens {@code spender} may still take. */
    BigInteger allowance(String owner, String spender) {
        return SettlementCalls.decodeUint(reader.call(addresses().token(), SettlementCalls.allowanceCall(owner, spender)), 0);
    }

    /** The prepaid escrow, or null when the ledger runs without one. */
    String escrow() {
        return gateway.info().escrowAddress();
    }

    /** The escrow's Released logs; none without an escrow. */
    List<SettlementCalls.Released> releasedLogs(long fromBlock, long toBlock) {
        String escrow = escrow();
        return escrow == null ? List.of()
                : logs(escrow, List.of(SettlementCalls.RELEASED_TOPIC), fromBlock, toBlock, SettlementCalls::released);
    }

    /** The address that sends the ledger's transactions. */
    String signer() {
        return gateway.info().signerAddress();
    }

    BigInteger balanceOf(String account) {
        return SettlementCalls.decodeUint(reader.call(addresses().token(), SettlementCalls.balanceOfCall(account)), 0);
    }

    /**
     * The payouts that a mined transaction's PayoutPaid and PayoutsPushed logs record, or empty while
     * the node has no receipt for it.
     */
    Optional<List<SettlementCalls.PayoutPaid>> payoutsOf(String txHash) {
        String distributor = addresses().distributor();
        return reader.receiptLogs(txHash).map(logs -> logs.stream()
                .filter(log -> log.address().equalsIgnoreCase(distributor)
                        && (SettlementCalls.isPayoutPaid(log) || SettlementCalls.isPayoutsPushed(log)))
                .flatMap(log -> SettlementCalls.payoutsPaid(log).stream()).toList());
    }

    /** The claims in the blocks: PayoutPaid logs. */
    List<SettlementCalls.PayoutPaid> claimLogs(long fromBlock, long toBlock) {
        return logs(addresses().distributor(), List.of(SettlementCalls.PAYOUT_PAID_TOPIC), fromBlock, toBlock,
                SettlementCalls::payoutPaid);
    }

    /** Every payout paid in the blocks: the claims' PayoutPaid logs, then the pushes' PayoutsPushed logs. */
    List<SettlementCalls.PayoutPaid> payoutPaidLogs(long fromBlock, long toBlock) {
        List<SettlementCalls.PayoutPaid> paid = new ArrayList<>(claimLogs(fromBlock, toBlock));
        logs(addresses().distributor(), List.of(SettlementCalls.PAYOUTS_PUSHED_TOPIC), fromBlock, toBlock,
                SettlementCalls::payoutsPushed).forEach(paid::addAll);
        return paid;
    }

    List<SettlementCalls.EpochAnchored> epochAnchoredLogs(Long epoch, long fromBlock, long toBlock) {
        List<String> topics = epoch == null ? List.of(SettlementCalls.EPOCH_ANCHORED_TOPIC)
                : List.of(SettlementCalls.EPOCH_ANCHORED_TOPIC, SettlementCalls.epochTopic(epoch));
        return logs(addresses().anchor(), topics, fromBlock, toBlock, SettlementCalls::epochAnchored);
    }

    /** Token transfers out of {@code from}. */
    List<SettlementCalls.Transfer> transfersFrom(String from, long fromBlock, long toBlock) {
        return logs(addresses().token(), Arrays.asList(SettlementCalls.TRANSFER_TOPIC, SettlementCalls.addressTopic(from)),
                fromBlock, toBlock, SettlementCalls::transfer);
    }

    /** Reads logs in ranges of at most log-block-range blocks, as public nodes require. */
    private <T> List<T> logs(String address, List<String> topics, long fromBlock, long toBlock,
                             Function<ChainLog, T> decode) {
        List<T> decoded = new ArrayList<>();
        for (long from = fromBlock; from <= toBlock; from += properties.logBlockRange()) {
            long to = Math.min(toBlock, from + properties.logBlockRange() - 1);
            reader.logs(address, topics, from, to).forEach(log -> decoded.add(decode.apply(log)));
        }
        return decoded;
    }
}
