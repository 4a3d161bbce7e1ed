package io.gpuledger.settlement.api;

/**
 * Pushing the epoch's payouts started: accounts in ascending address order, cut into batches of
 * {@code batchSize}. Fixed here for good, so that a restart with another setting cuts the same batches.
 */
public record PayoutPushStartedEvent(long epoch, int batchSize, int batchCount) {
}
