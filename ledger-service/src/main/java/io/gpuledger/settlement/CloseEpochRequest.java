package io.gpuledger.settlement;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** The optional body of an epoch close: time-based charges accrue through {@code accrueThrough} (default: now). */
@Schema(name = "CloseEpochRequest", description = "Optional; an empty body or {} accrues through now")
record CloseEpochRequest(@Schema(description = "Capacity fees accrue up to this instant in the closing epoch; default now")
                         Instant accrueThrough) {
}
