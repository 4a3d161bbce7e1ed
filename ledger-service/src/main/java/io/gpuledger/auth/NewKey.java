package io.gpuledger.auth;

import java.time.Instant;

/** A key to make: whose it is, its role, an optional label and an optional end. */
public record NewKey(String marketplaceId, Role role, String label, Instant expiresAt) {
}
