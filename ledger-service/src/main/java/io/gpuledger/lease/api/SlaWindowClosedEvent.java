package io.gpuledger.lease.api;

import java.math.BigInteger;
import java.time.Instant;

/**
 * An SLA window of the lease ended and was measured: its active and down seconds, the uptime, the
 * tier's creditBps (0 when none applies), the window's charges and the credit recorded for it
 * (after the cap at what the lease had been charged; a LeaseAdjustedEvent with id
 * {@code sla:<window>} follows when it is above 0). {@code window} is its month, {@code 2026-11}.
 */
public record SlaWindowClosedEvent(String marketplaceId, String leaseId, String window, Instant windowStart,
                                   Instant windowEnd, long activeSeconds, long downSeconds, int uptimeBps,
                                   int creditBps, BigInteger windowChargedUnits, BigInteger creditUnits) {

    /** The adjustment id an SLA credit is recorded under; adjustments posted through the route cannot take it. */
    public static String adjustmentIdOf(String window) {
        return ADJUSTMENT_ID_PREFIX + window;
    }

    public static final String ADJUSTMENT_ID_PREFIX = "sla:";
}
