package io.gpuledger.chain;

/**
 * The chain a ledger settles on, as clients need it to check payouts themselves: where the token,
 * the anchor and the distributor live, and who sends the ledger's transactions.
 */
public record ChainInfo(long chainId, String tokenAddress, int tokenDecimals, String anchorAddress,
                        String distributorAddress, String signerAddress, int confirmations) {
}
