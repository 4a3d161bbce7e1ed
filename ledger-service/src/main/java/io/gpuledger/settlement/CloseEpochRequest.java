package io.gpuledger.settlement;

import java.time.Instant;

/**
 * The optional body of an epoch close: {@code accrueThrough}, the moment up to which time-based
 * amounts accrue in the closing epoch (SLA windows that ended by then are closed and credited).
 * Absent, it is the clock's now; it may not lie in the future ({@code SettlementController} reads it).
 */
record CloseEpochRequest(Instant accrueThrough) {
}
