package io.gpuledger.account.api;

import java.math.BigInteger;

/**
 * What one prepaid lease's reports of one request drew from its tenant's balance: their charges and
 * the split into fee and provider units; {@code held} when the draw took the balance below zero, so
 * that neither the fee nor the provider units are paid until deposits release them.
 */
public record LeaseCharge(String leaseId, BigInteger chargedUnits, BigInteger feeUnits, BigInteger providerUnits,
                          boolean held) {
}
