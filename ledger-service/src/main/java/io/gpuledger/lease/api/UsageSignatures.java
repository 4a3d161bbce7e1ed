package io.gpuledger.lease.api;

/**
 * A report's EIP-712 signatures as sent (65 bytes in hex) and the addresses recovered from them
 * before the lease was asked: recovery costs CPU and needs nothing of the lease, so it runs outside
 * the lease's lock, and the lease only compares the addresses with its signers. Either pair is null
 * when that signature was not sent.
 */
public record UsageSignatures(String signature, String signedBy, String tenantSignature, String countersignedBy) {
}
