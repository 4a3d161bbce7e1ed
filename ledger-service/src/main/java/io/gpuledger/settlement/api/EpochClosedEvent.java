package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.util.List;

/**
 * An epoch was closed. It settles every event with global index in (fromGlobalIndex,
 * toGlobalIndex]: each payout address receives the provider units its leases accrued there. The
 * roots commit to the payouts and to the hashes of those events (docs/AUDIT.md).
 */
public record EpochClosedEvent(long epoch, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                               List<Payout> payouts, BigInteger totalUnits, String payoutRoot,
                               String eventsRoot) {
}
