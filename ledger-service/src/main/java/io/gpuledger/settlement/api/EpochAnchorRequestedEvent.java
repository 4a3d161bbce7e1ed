package io.gpuledger.settlement.api;

import java.math.BigInteger;
import java.util.List;

/**
 * An operator asked for a closed epoch to be put on-chain. It carries what will be anchored and the
 * closed epoch's payouts, against which every later payment of the epoch is checked.
 */
public record EpochAnchorRequestedEvent(long epoch, String payoutRoot, String eventsRoot, BigInteger totalUnits,
                                        List<Payout> payouts) {
}
