package io.gpuledger.chain;

/**
 * The EIP-712 domain usage reports are signed under: {@code {name: "GPU Settlement Ledger",
 * version: "1", chainId, verifyingContract: the anchor's address}}, so a signature binds a report to
 * this ledger's chain and anchor and cannot be replayed on another deployment.
 */
public record UsageSigningDomain(long chainId, String verifyingContract) {

    public static final String NAME = "GPU Settlement Ledger";
    public static final String VERSION = "1";
}
