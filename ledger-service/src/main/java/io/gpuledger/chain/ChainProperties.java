package io.gpuledger.chain;

import java.math.BigInteger;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The chain settings (docs/CHAIN.md lists the environment variables behind them). With no
 * {@code rpcUrl} the chain is disabled: the ledger runs, and chain routes answer 503.
 *
 * @param confirmations   blocks on top of and including the one holding a transaction before it counts
 * @param pollInterval    the worker's shortest pause between rounds
 * @param maxPollInterval the longest pause its backoff grows to while nothing changes or the node is down
 * @param stuckAfter      how long a sent transaction may stay unmined before it is replaced
 * @param feeBumpPercent  how much a replacement raises both EIP-1559 fees; nodes require at least 10
 * @param maxFeePerGasCap optional ceiling in wei that replacements never exceed
 */
@ConfigurationProperties("ledger.chain")
public record ChainProperties(String rpcUrl, Long chainId, String signerKey, String signerKeyFile,
                              String tokenAddress, String anchorAddress, String distributorAddress,
                              String escrowAddress, Integer tokenDecimals, Integer confirmations, Duration pollInterval,
                              Duration maxPollInterval, Duration stuckAfter, Integer feeBumpPercent,
                              BigInteger maxFeePerGasCap, Duration rpcTimeout) {

    public ChainProperties {
        // An unset environment variable arrives as "": treat it as absent.
        rpcUrl = blankToNull(rpcUrl);
        signerKey = blankToNull(signerKey);
        signerKeyFile = blankToNull(signerKeyFile);
        tokenAddress = blankToNull(tokenAddress);
        anchorAddress = blankToNull(anchorAddress);
        distributorAddress = blankToNull(distributorAddress);
        // Optional: a chain set up before the prepaid escrow existed runs without one.
        escrowAddress = blankToNull(escrowAddress);
        tokenDecimals = tokenDecimals == null ? 6 : tokenDecimals;
        confirmations = confirmations == null ? 2 : confirmations;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        maxPollInterval = maxPollInterval == null ? Duration.ofSeconds(15) : maxPollInterval;
        stuckAfter = stuckAfter == null ? Duration.ofMinutes(3) : stuckAfter;
        feeBumpPercent = feeBumpPercent == null ? 12 : feeBumpPercent;
        rpcTimeout = rpcTimeout == null ? Duration.ofSeconds(10) : rpcTimeout;
    }

    public boolean enabled() {
        return rpcUrl != null;
    }

    /** Checks an enabled configuration. Messages name variables, never their values: one of them is a key. */
    void validate() {
        boolean inlineKey = signerKey != null;
        boolean keyFile = signerKeyFile != null;
        if (inlineKey == keyFile) {
            throw new IllegalStateException("set exactly one of LEDGER_SIGNER_KEY and LEDGER_SIGNER_KEY_FILE");
        }
        require(confirmations >= 1, "LEDGER_CHAIN_CONFIRMATIONS must be at least 1");
        require(feeBumpPercent >= 10, "ledger.chain.fee-bump-percent must be at least 10: nodes refuse smaller bumps");
        require(tokenDecimals >= 0 && tokenDecimals <= 36, "LEDGER_TOKEN_DECIMALS must be from 0 to 36");
        require(!pollInterval.isNegative() && !pollInterval.isZero(), "ledger.chain.poll-interval must be positive");
        require(maxPollInterval.compareTo(pollInterval) >= 0, "ledger.chain.max-poll-interval must not be below poll-interval");
        require(stuckAfter.compareTo(pollInterval) >= 0, "ledger.chain.stuck-after must not be below poll-interval");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    /** Never prints the signer key, so that logging this record (or a failure holding it) leaks nothing. */
    @Override
    public String toString() {
        return "ChainProperties[rpcUrl=" + (enabled() ? "set" : "unset") + ", chainId=" + chainId
                + ", signerKey=" + (signerKey == null ? "unset" : "[redacted]")
                + ", signerKeyFile=" + signerKeyFile + ", tokenAddress=" + tokenAddress
                + ", anchorAddress=" + anchorAddress + ", distributorAddress=" + distributorAddress
                + ", escrowAddress=" + escrowAddress
                + ", tokenDecimals=" + tokenDecimals + ", confirmations=" + confirmations
                + ", pollInterval=" + pollInterval + ", maxPollInterval=" + maxPollInterval
                + ", stuckAfter=" + stuckAfter + ", feeBumpPercent=" + feeBumpPercent
                + ", maxFeePerGasCap=" + maxFeePerGasCap + ", rpcTimeout=" + rpcTimeout + "]";
    }
}
