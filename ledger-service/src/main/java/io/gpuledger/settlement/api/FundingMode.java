package io.gpuledger.settlement.api;

/**
 * How the distributor receives an epoch's total: minted by the token's owner (the ledger's signer, on
 * local and test chains), or transferred from the signer's own balance, which serves as treasury.
 */
public enum FundingMode {
    MINT,
    TRANSFER
}
