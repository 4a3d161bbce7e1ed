package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.time.Instant;

/**
 * A signed report an epoch left out: still inside its dispute window ({@code windowEndsAt}) or
 * disputed and not resolved. {@code providerUnits} is its slice of the lease's provider units, paid
 * in the epoch that closes after the window ends or the dispute is resolved.
 */
public record WithheldUsage(String marketplaceId, String leaseId, String reportId, WithholdReason reason,
                            BigInteger providerUnits, Instant windowEndsAt) {

    public enum WithholdReason { IN_DISPUTE_WINDOW, DISPUTED }
}
