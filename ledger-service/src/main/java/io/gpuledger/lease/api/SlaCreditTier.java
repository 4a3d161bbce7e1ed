package io.gpuledger.lease.api;

/** A credit tier of a lease's SLA: a window whose uptime is below {@code belowBps} earns {@code creditBps} of its charges. */
public record SlaCreditTier(int belowBps, int creditBps) {
}
