package io.gpuledger.billing;

import java.math.BigInteger;

/**
 * A tenant account's movements over a statement window, by when each was recorded: the balance
 * before it, the deposits, credits and prepaid draws (charges) in it, and the draws held and released
 * in it. Held draws are among the charges; releasing them moves no balance.
 */
public record TenantAccountLine(String marketplaceId, String tenantId, BigInteger openingBalanceUnits,
                                BigInteger depositsUnits, BigInteger creditsUnits, BigInteger chargesUnits,
                                BigInteger heldUnits, BigInteger releasedUnits) {

    public BigInteger closingBalanceUnits() {
        return openingBalanceUnits.add(depositsUnits).add(creditsUnits).subtract(chargesUnits);
    }
}
