package io.gpuledger.lease.api;

import io.gpuledger.common.Charges;
import java.time.Instant;

/**
 * What a dispute or its resolution answered: {@code outcome} null while disputed, {@code at} when it
 * was disputed or resolved, {@code voidSlice} what a VOID moved (null otherwise), and
 * {@code recordedBefore} when the same was asked before.
 */
public record DisputeResult(String reportId, DisputeOutcome outcome, Instant at, Charges voidSlice,
                            boolean recordedBefore) {
}
