package io.gpuledger.lease.api;

/** How a dispute ended: the report stands (ACCEPT) or is voided (VOID). */
public enum DisputeOutcome { ACCEPT, VOID }
