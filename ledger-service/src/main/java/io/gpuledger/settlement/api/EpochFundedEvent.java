package io.gpuledger.settlement.api;

import java.math.BigInteger;

/**
 * The distributor received the epoch's total, minted or transferred by {@code txHash}. Before it, the
 * prepaid escrow released {@code escrowReleasedUnits} to the signer by {@code escrowTxHash}
 * (docs/ARCHITECTURE.md, "Funding"); 0 and null when it released nothing, and null and null in epochs
 * funded before the escrow funded payouts.
 */
public record EpochFundedEvent(long epoch, FundingMode mode, BigInteger amountUnits, String intentId, String txHash,
                               long blockNumber, BigInteger escrowReleasedUnits, String escrowTxHash) {

    public BigInteger escrowReleasedUnitsOrZero() {
        return escrowReleasedUnits == null ? BigInteger.ZERO : escrowReleasedUnits;
    }
}
