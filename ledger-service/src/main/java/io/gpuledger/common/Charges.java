package io.gpuledger.common;

import java.math.BigInteger;

/** Amounts in token units: what the tenant is charged, split into marketplace fee and provider earnings. */
public record Charges(BigInteger chargedUnits, BigInteger feeUnits, BigInteger providerUnits) {

    public static final Charges ZERO = new Charges(BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

    public Charges plus(Charges other) {
        return new Charges(chargedUnits.add(other.chargedUnits), feeUnits.add(other.feeUnits),
                providerUnits.add(other.providerUnits));
    }

    public Charges negate() {
        return new Charges(chargedUnits.negate(), feeUnits.negate(), providerUnits.negate());
    }

    public Charges minus(Charges other) {
        return new Charges(chargedUnits.subtract(other.chargedUnits), feeUnits.subtract(other.feeUnits),
                providerUnits.subtract(other.providerUnits));
    }
}
