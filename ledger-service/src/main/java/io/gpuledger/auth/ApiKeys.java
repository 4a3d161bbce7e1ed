package io.gpuledger.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * API keys, kept as SHA-256 hashes. A presented key is hashed and looked up by its hash; the
 * stored hash is then compared in constant time, so timing says nothing about near misses.
 */
@Component
public class ApiKeys {

    private final JdbcTemplate jdbc;

    public ApiKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Caller> authenticate(String presentedKey) {
        byte[] hash = sha256(presentedKey);
        List<Caller> found = jdbc.query("SELECT key_hash, marketplace_id, role FROM api_key WHERE key_hash = ?",
                (rs, i) -> MessageDigest.isEqual(rs.getBytes(1), hash)
                        ? new Caller(rs.getString(2), Role.valueOf(rs.getString(3)))
                        : null,
                (Object) hash);
        return found.stream().filter(c -> c != null).findFirst();
    }

    /** Provisions a key; provisioning the same key again changes nothing. */
    public void provision(String plainKey, String marketplaceId, Role role, String label) {
        jdbc.update("""
                INSERT INTO api_key (key_hash, marketplace_id, role, label) VALUES (?, ?, ?, ?)
                ON CONFLICT (key_hash) DO UPDATE SET marketplace_id = EXCLUDED.marketplace_id, role = EXCLUDED.role
                """, sha256(plainKey), marketplaceId, role.name(), label);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
