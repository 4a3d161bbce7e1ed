package io.gpuledger.chain;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What the rest of the ledger may read from the chain: the head, contract state by {@code eth_call},
 * logs, and the logs of a mined transaction. Reads only; writing goes through {@link ChainGateway}.
 * Every method throws {@link ChainNotConfigured} without a chain and {@link ChainUnavailable} when
 * the node does not answer.
 */
@Component
public class ChainReader {

    private final ChainNode node;
    private final ChainAccount account;
    private final ChainProperties properties;

    ChainReader(ChainNode node, ChainAccount account, ChainProperties properties) {
        this.node = node;
        this.account = account;
        this.properties = properties;
    }

    public boolean enabled() {
        return account.enabled();
    }

    public long chainId() {
        return account.chainId();
    }

    public long head() {
        account.requireEnabled();
        return node.headNumber();
    }

    /**
     * The newest block whose contents count as final: {@code head - confirmations + 1}, the same
     * depth at which the gateway confirms intents. Never below -1 (nothing final yet).
     */
    public long finalizedHead() {
        return Math.max(-1, head() - properties.confirmations() + 1);
    }

    /** Calls {@code data} on {@code to} at the latest block and answers the returned bytes as hex. */
    public String call(String to, String data) {
        account.requireEnabled();
        return node.call(to, data);
    }

    /**
     * Logs of {@code address} in blocks {@code fromBlock} to {@code toBlock}, both included, oldest
     * first; {@code topics} filter by position, a null entry matching anything.
     */
    public List<ChainLog> logs(String address, List<String> topics, long fromBlock, long toBlock) {
        account.requireEnabled();
        return node.logs(address, topics, fromBlock, toBlock);
    }

    /** The logs of a mined transaction, or empty when the node has no receipt for it. */
    public Optional<List<ChainLog>> receiptLogs(String txHash) {
        account.requireEnabled();
        return node.receiptLogs(txHash);
    }
}
