package io.gpuledger.platform;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long an Idempotency-Key and the response stored under it are kept (docs/API.md). After the
 * retention the key is free again: a request under it is executed anew and answered by the ledger's
 * rules (a usage report id stays a DUPLICATE forever, a lease id stays taken), not from the store.
 *
 * @param retention     how long a key is remembered; a client's retries must end well within it
 * @param pruneInterval the pause between two runs of the pruner that deletes records past the retention
 */
@ConfigurationProperties("ledger.idempotency")
public record IdempotencyProperties(Duration retention, Duration pruneInterval) {

    public IdempotencyProperties {
        retention = retention == null ? Duration.ofDays(7) : retention;
        pruneInterval = pruneInterval == null ? Duration.ofHours(1) : pruneInterval;
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalStateException("LEDGER_IDEMPOTENCY_RETENTION must be positive");
        }
        if (pruneInterval.isNegative() || pruneInterval.isZero()) {
            throw new IllegalStateException("LEDGER_IDEMPOTENCY_PRUNE_INTERVAL must be positive");
        }
    }
}
