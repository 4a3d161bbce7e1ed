/**
 * The event store as the ledger reads it: the one reader of stored events (typed and upcast, or as
 * stored), cuts of the global order, the canonical event hash and the seal chain, and the stored names
 * of events that moved. It depends on no feature; every feature that reads history reads it here.
 */
package io.gpuledger.eventstore;
