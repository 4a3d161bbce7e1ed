package io.gpuledger.auth.web;

import io.gpuledger.auth.ApiKeys.KeyRecord;
import java.time.Instant;

/** A key as routes show it: never its secret. */
record KeyJson(String keyId, String marketplaceId, String role, String label, Instant createdAt, Instant expiresAt,
               Instant revokedAt, Instant lastUsedAt) {

    static KeyJson of(KeyRecord key) {
        return new KeyJson(key.keyId(), key.marketplaceId(), key.role().name(), key.label(), key.createdAt(),
                key.expiresAt(), key.revokedAt(), key.lastUsedAt());
    }
}
