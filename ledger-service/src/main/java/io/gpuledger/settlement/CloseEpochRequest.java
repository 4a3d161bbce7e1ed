package io.gpuledger.settlement;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The optional body of an epoch close: {@code accrueThrough}, the moment up to which time-based
 * amounts accrue in the closing epoch (capacity fees; SLA windows that ended by then are closed and
 * credited). Absent, it is the clock's now; it may not lie in the future ({@code SettlementController} reads it).
 */
@Schema(name = "CloseEpochRequest", description = "Optional; an empty body or {} accrues through now")
record CloseEpochRequest(@Schema(description = "Time-based amounts accrue up to this moment (default now, not in the future)")
                         Instant accrueThrough) {
}
