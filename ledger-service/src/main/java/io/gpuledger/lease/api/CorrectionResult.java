package io.gpuledger.lease.api;

import io.gpuledger.common.Charges;

/** What a void or an adjustment moved (its slice of the lease's charges); {@code recordedBefore} when it was made before. */
public record CorrectionResult(boolean recordedBefore, Charges slice) {
}
