package io.gpuledger.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records when a key was last used, at most once per {@code interval} per key: a write per request
 * would double the usage path's writes. Each instance remembers when it last wrote for a key, and the
 * UPDATE itself skips a row another instance wrote within the interval.
 */
@Component
class ApiKeyUse {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyUse.class);

    private final JdbcTemplate jdbc;
    private final long intervalNanos;
    private final long intervalSeconds;
    private final Map<String, Long> lastWritten = new ConcurrentHashMap<>();

    ApiKeyUse(JdbcTemplate jdbc, @Value("${ledger.keys.last-used-interval:PT1M}") Duration interval) {
        this.jdbc = jdbc;
        this.intervalNanos = interval.toNanos();
        this.intervalSeconds = interval.toSeconds();
    }

    void used(String keyId) {
        long now = System.nanoTime();
        boolean[] due = {false};
        lastWritten.compute(keyId, (id, last) -> {
            if (last != null && now - last < intervalNanos) {
                return last;
            }
            due[0] = true;
            return now;
        });
        if (!due[0]) {
            return;
        }
        try {
            jdbc.update("UPDATE api_key SET last_used_at = now() WHERE key_id = ? "
                    + "AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => ?))", keyId,
                    intervalSeconds);
        } catch (DataAccessException e) {
            // A note of use is not worth failing the request for; the next interval writes it.
            log.warn("Could not record the last use of key {}: {}", keyId, e.getClass().getSimpleName());
            lastWritten.remove(keyId);
        }
    }
}
