package io.gpuledger.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * API keys, kept as SHA-256 hashes. A presented key is hashed and looked up by its hash; the
 * stored hash is then compared in constant time, so timing says nothing about near misses. Every
 * request reads the key's row: a revoke or an expiry on any instance holds from the next request on.
 */
@Component
public class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int KEY_BYTES = 32;
    private static final String COLUMNS =
            "key_id, key_seq, marketplace_id, role, label, created_at, expires_at, revoked_at, last_used_at";

    /** A key as the ledger keeps it: never its secret. */
    public record KeyRecord(String keyId, long seq, String marketplaceId, Role role, String label, Instant createdAt,
                            Instant expiresAt, Instant revokedAt, Instant lastUsedAt) {
    }

    /** A key just made: its secret, shown this once, and its record. */
    public record IssuedKey(String key, KeyRecord record) {

        @Override
        public String toString() {
            return "IssuedKey[" + record.keyId() + "]";
        }
    }

    /** The caller a presented key stands for, and the key's id. */
    public record Authenticated(String keyId, Caller caller) {
    }

    private final JdbcTemplate jdbc;

    public ApiKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Authenticated> authenticate(String presentedKey) {
        byte[] hash = sha256(presentedKey);
        List<Authenticated> found = jdbc.query("""
                SELECT key_hash, key_id, marketplace_id, role FROM api_key
                WHERE key_hash = ? AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
                """,
                (rs, i) -> MessageDigest.isEqual(rs.getBytes(1), hash)
                        ? new Authenticated(rs.getString(2), new Caller(rs.getString(3), Role.valueOf(rs.getString(4))))
                        : null,
                (Object) hash);
        return found.stream().filter(Objects::nonNull).findFirst();
    }

    /** Provisions a key; provisioning the same key again changes nothing, and never lifts a revoke. */
    public void provision(String plainKey, String marketplaceId, Role role, String label) {
        jdbc.update("""
                INSERT INTO api_key (key_hash, marketplace_id, role, label) VALUES (?, ?, ?, ?)
                ON CONFLICT (key_hash) DO UPDATE SET marketplace_id = EXCLUDED.marketplace_id, role = EXCLUDED.role
                """, sha256(plainKey), marketplaceId, role.name(), label);
    }

    /** Makes a key from {@link SecureRandom}; only its hash is stored. */
    public IssuedKey issue(NewKey key) {
        byte[] secret = new byte[KEY_BYTES];
        RANDOM.nextBytes(secret);
        String plain = prefix(key.role()) + HexFormat.of().formatHex(secret);
        KeyRecord record = jdbc.queryForObject("INSERT INTO api_key (key_hash, marketplace_id, role, label, expires_at) "
                        + "VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS, ApiKeys::record,
                sha256(plain), key.marketplaceId(), key.role().name(), key.label(), timestamp(key.expiresAt()));
        return new IssuedKey(plain, record);
    }

    /** Keys in the order they were made, after {@code afterSeq}. */
    public List<KeyRecord> list(long afterSeq, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM api_key WHERE key_seq > ? ORDER BY key_seq LIMIT ?",
                ApiKeys::record, afterSeq, limit);
    }

    /** Revokes the key from now on; a key revoked before keeps its first revocation. Empty for no such key. */
    public Optional<KeyRecord> revoke(String keyId) {
        jdbc.update("UPDATE api_key SET revoked_at = now() WHERE key_id = ? AND revoked_at IS NULL", keyId);
        return jdbc.query("SELECT " + COLUMNS + " FROM api_key WHERE key_id = ?", ApiKeys::record, keyId)
                .stream().findFirst();
    }

    private static String prefix(Role role) {
        return switch (role) {
            case MARKETPLACE -> "mkt_";
            case AUDITOR -> "aud_";
            case OPERATOR -> "ops_";
            case PROVIDER -> "prv_";
        };
    }

    private static KeyRecord record(ResultSet rs, int row) throws SQLException {
        return new KeyRecord(rs.getString("key_id"), rs.getLong("key_seq"), rs.getString("marketplace_id"),
                Role.valueOf(rs.getString("role")), rs.getString("label"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")),
                instant(rs.getTimestamp("last_used_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
