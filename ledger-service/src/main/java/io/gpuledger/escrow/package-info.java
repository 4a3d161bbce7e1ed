/**
 * Deposits into the prepaid escrow: the follower that reads the escrow's confirmed Deposited logs and
 * credits each to its tenant's account, exactly once, as a deposit with id chain:txHash:logIndex; the
 * account keys of the tenants the ledger knows, which map a log's one-way key back to its tenant; the
 * deposits whose key names no known tenant, kept until one does, and their route. It reads the chain
 * through the chain gateway's reader and credits through account.api commands alone. Design:
 * docs/CONTRACTS.md, "Prepaid deposits", and docs/ARCHITECTURE.md, "Tenant accounts".
 */
package io.gpuledger.escrow;
