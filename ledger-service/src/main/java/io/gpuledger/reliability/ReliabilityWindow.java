package io.gpuledger.reliability;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One SLA window of a lease as the reliability route shows it: CLOSED once the lease closed it (its
 * figures and credit are then final), OPEN before, measured up to the moment asked (or its end).
 * {@code creditBps} and {@code creditUnits} are null while it is open.
 */
record ReliabilityWindow(String window, Instant windowStart, Instant windowEnd, String state, long activeSeconds,
                         long downSeconds, int uptimeBps, Integer creditBps, BigInteger creditUnits) {
}
