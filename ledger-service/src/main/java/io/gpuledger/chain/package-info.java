/**
 * The chain gateway: the one way this ledger writes to the settlement chain.
 *
 * <p>It owns the node connection ({@code ChainNode}, the only holder of the {@code Web3j} client), the
 * signer key, the per-signer nonce counter, and every transaction intent with all its signed attempts,
 * stored in PostgreSQL before anything is sent. A background worker drives each intent to a final
 * state: it re-broadcasts what a node forgot, replaces what is stuck with higher fees under the same
 * nonce, waits for the configured confirmations, records reverts with their reason, and notices
 * reorgs. Callers (settlement, payouts) only name an intent and read back where it stands; they never
 * see a nonce or a key. Lifecycle and recovery rules: docs/CHAIN.md.
 */
package io.gpuledger.chain;
