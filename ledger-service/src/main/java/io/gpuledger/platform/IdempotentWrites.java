package io.gpuledger.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every POST runs here. The Idempotency-Key is claimed, the write is done and its response stored,
 * all in the one transaction that appends the write's events: a response can be replayed exactly
 * when its effects exist, and a rejected or failed request leaves the key free. Records older than
 * the retention are deleted ({@link IdempotencyPruner}); the key is then free again.
 */
@Component
public class IdempotentWrites {

    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final LedgerTransactions transactions;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final AtomicLong conflictsRetried = new AtomicLong();

    public IdempotentWrites(LedgerTransactions transactions, JdbcTemplate jdbc, ObjectMapper json) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** {@code scope} keeps one caller's keys apart from another's (the caller's role and marketplace). */
    public ResponseEntity<String> execute(String scope, String idempotencyKey, String route, byte[] body,
                                          Supplier<ResponseEntity<?>> write) {
        requireKey(idempotencyKey);
        byte[] requestHash = hash(route, body);
        Replayable outcome = SequenceRaces.retrying(() -> transactions.inTransaction(() -> {
            // A record found taken but gone when read was pruned in between (IdempotencyPruner): the
            // key has expired, so it is claimed again. A claim does not lock the record it found.
            for (int attempt = 1; !claim(scope, idempotencyKey, requestHash); attempt++) {
                Optional<StoredResponse> earlier = earlierResponse(scope, idempotencyKey, requestHash);
                if (earlier.isPresent()) {
                    return new Replayable(earlier.get(), true);
                }
                if (attempt == 3) {
                    throw new IllegalStateException("an Idempotency-Key record kept vanishing while read");
                }
            }
            StoredResponse response = store(write.get());
            jdbc.update("UPDATE idempotency_record SET response_status = ?, response_body = ? "
                            + "WHERE scope = ? AND idempotency_key = ?",
                    response.status(), response.body(), scope, idempotencyKey);
            return new Replayable(response, false);
        }), conflictsRetried::incrementAndGet);
        String responseBody = outcome.response().body();
        return ResponseEntity.status(outcome.response().status())
                .contentType(MediaType.APPLICATION_JSON)
                .contentLength(utf8Length(responseBody))
                .header(REPLAYED_HEADER, Boolean.toString(outcome.replayed()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(responseBody);
    }

    /**
     * The body's length in UTF-8, without encoding it: Spring otherwise encodes a String body once to
     * measure it and again to send it, and a batch's response is some 130 KB.
     */
    private static long utf8Length(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return text.length();
    }

    private record Replayable(StoredResponse response, boolean replayed) {
    }

    /** Attempts run again since the start because another writer appended to an aggregate first. */
    public long conflictsRetried() {
        return conflictsRetried.get();
    }

    private boolean claim(String scope, String idempotencyKey, byte[] requestHash) {
        return jdbc.update("""
                INSERT INTO idempotency_record (scope, idempotency_key, request_hash, response_status, response_body)
                VALUES (?, ?, ?, 0, '') ON CONFLICT DO NOTHING
                """, scope, idempotencyKey, requestHash) == 1;
    }

    /** The stored response, or empty when the record was deleted since the claim found it. */
    private Optional<StoredResponse> earlierResponse(String scope, String idempotencyKey, byte[] requestHash) {
        return jdbc.query("""
                SELECT request_hash, response_status, response_body FROM idempotency_record
                WHERE scope = ? AND idempotency_key = ?
                """, (rs, i) -> {
            if (!Arrays.equals(rs.getBytes(1), requestHash)) {
                throw new LedgerRejection(RejectionCode.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key",
                        "this Idempotency-Key was used with a different request");
            }
            return new StoredResponse(rs.getInt(2), rs.getString(3));
        }, scope, idempotencyKey).stream().findFirst();
    }

    private StoredResponse store(ResponseEntity<?> response) {
        try {
            return new StoredResponse(response.getStatusCode().value(), json.writeValueAsString(response.getBody()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response could not be written as JSON", e);
        }
    }

    private static void requireKey(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isEmpty()) {
            throw new InvalidRequest(RejectionCode.IDEMPOTENCY_KEY_MISSING,
                    List.of(new FieldProblem("Idempotency-Key", "header is required on every POST")));
        }
        if (!KEY.matcher(idempotencyKey).matches()) {
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED,
                    List.of(new FieldProblem("Idempotency-Key", "must be 1-255 printable ASCII characters")));
        }
    }

    private static byte[] hash(String route, byte[] body) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(route.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(body == null ? new byte[0] : body);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
