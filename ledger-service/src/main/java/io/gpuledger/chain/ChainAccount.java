package io.gpuledger.chain;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Who this ledger is on which chain: the signer and the chain id, settled once at start. A configured
 * chain id is checked against the node when the node answers, so that nothing is ever signed for the
 * wrong chain; without one, the node's id is taken, and the node must answer at start.
 */
@Component
class ChainAccount {

    private static final Logger log = LoggerFactory.getLogger(ChainAccount.class);

    private final ChainProperties properties;
    private final ChainSigner signer;
    private final Long chainId;

    ChainAccount(ChainProperties properties, ChainNode node) {
        this.properties = properties;
        if (!properties.enabled()) {
            log.info("LEDGER_CHAIN_RPC_URL is not set: the settlement chain is disabled");
            this.signer = null;
            this.chainId = properties.chainId();
            return;
        }
        properties.validate();
        this.signer = ChainSigner.load(properties);
        this.chainId = resolveChainId(properties.chainId(), node);
        log.info("Settlement chain {} with signer {}, {} confirmations", chainId, signer.address(),
                properties.confirmations());
    }

    private static long resolveChainId(Long configured, ChainNode node) {
        long reported;
        try {
            reported = node.chainId();
        } catch (ChainUnavailable e) {
            if (configured == null) {
                throw new IllegalStateException("LEDGER_CHAIN_ID is not set and the chain node did not answer eth_chainId");
            }
            log.warn("The chain node did not answer at start; trusting LEDGER_CHAIN_ID={}", configured);
            return configured;
        }
        if (configured != null && configured != reported) {
            throw new IllegalStateException("LEDGER_CHAIN_ID is " + configured + " but the node serves chain " + reported);
        }
        return reported;
    }

    boolean enabled() {
        return properties.enabled();
    }

    ChainSigner signer() {
        requireEnabled();
        return signer;
    }

    long chainId() {
        requireEnabled();
        return chainId;
    }

    /** The configured chain id, or the resolved one; null when there is no chain at all. */
    Long chainIdOrNull() {
        return chainId;
    }

    void requireEnabled() {
        if (!properties.enabled()) {
            throw new ChainNotConfigured();
        }
    }
}
