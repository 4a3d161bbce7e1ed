package io.gpuledger.chain;

/**
 * The chain a ledger settles on, as clients need it to check payouts themselves: where the token,
 * the anchor and the distributor live, where tenants deposit (the prepaid escrow; null when none is
 * configured), and who sends the ledger's transactions.
 */
public record ChainInfo(long chainId, String tokenAddress, int tokenDecimals, String anchorAddress,
                        String distributorAddress, String escrowAddress, String signerAddress,
                        int confirmations) {
}
