package io.gpuledger.account.api;

import java.math.BigInteger;

/** A tenant's balance: what it paid in and was granted, less the net charges of its prepaid leases. */
public record TenantBalance(BigInteger depositsUnits, BigInteger creditsUnits, BigInteger chargesUnits,
                            BigInteger heldUnits) {

    public static final TenantBalance EMPTY =
            new TenantBalance(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

    public BigInteger balanceUnits() {
        return depositsUnits.add(creditsUnits).subtract(chargesUnits);
    }

    public BigInteger overdrawnUnits() {
        return balanceUnits().negate().max(BigInteger.ZERO);
    }
}
