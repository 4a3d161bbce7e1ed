package io.gpuledger.account.api;

import java.math.BigInteger;

/** A held draw of one lease, released whole. */
public record HeldCharge(String leaseId, BigInteger chargedUnits, BigInteger feeUnits, BigInteger providerUnits) {
}
