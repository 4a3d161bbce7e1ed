package io.gpuledger.platform;

/** A write's response as first given, kept so that a retry under the same Idempotency-Key gets it again. */
public record StoredResponse(int status, String body) {
}
