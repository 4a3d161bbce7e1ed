/**
 * The settlement epochs' side on the chain: the driver that takes each epoch an operator started from
 * CLOSED to PAID through the chain gateway (anchor, fund, push batches), the watcher that picks up
 * claims from the distributor's logs, reconciliation of the ledger against the chain, and the audit
 * check of anchored roots. What happened is recorded on the {@code SettlementEpoch} aggregate; this
 * package only observes the chain and reports, and sends every transaction as a gateway intent whose
 * id names its purpose, so that nothing goes out twice. Design: docs/ARCHITECTURE.md, "Settlement epochs".
 */
package io.gpuledger.settlement.onchain;
