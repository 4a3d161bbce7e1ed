package io.gpuledger.eventstore;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Authenticates events with the ledger's event keys, which PostgreSQL never holds: each event's MAC
 * is HMAC-SHA256(key, eventHash) ({@link EventHashes}) under the current key, written in the statement
 * that appends the event together with the key's id ({@link AuthenticatedAppends}). Someone who can
 * write to the database can alter an event, but cannot make its MAC match, so the sealer and
 * verification find an event altered even before it was sealed. Each event is checked with the key
 * its MAC names, so the current key can be rotated while older keys keep verifying the history
 * ({@link EventKeys}). Keys are never logged, and no message names one.
 */
@Component
public class EventMacs {

    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final EventKeys keys;
    private final JdbcTemplate jdbc;
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);
    private volatile Long authenticatedAfter;

    @Autowired
    public EventMacs(@Value("${ledger.audit.event-hmac-key:}") String key,
                     @Value("${ledger.audit.event-hmac-key-file:}") String keyFile,
                     @Value("${ledger.audit.event-hmac-keys:}") String verificationKeys,
                     @Value("${ledger.audit.event-hmac-keys-file:}") String verificationKeysFile, JdbcTemplate jdbc) {
        this.keys = EventKeys.parse(key, keyFile, verificationKeys, verificationKeysFile);
        this.jdbc = jdbc;
    }

    /** With the current key alone. */
    public EventMacs(String key, String keyFile, JdbcTemplate jdbc) {
        this(key, keyFile, "", "", jdbc);
    }

    /** The id of the key that MACs the events appended now, stored beside each MAC. */
    public String currentKeyId() {
        return keys.currentId();
    }

    /** The MAC under the current key of an event whose canonical hash is {@code eventHash}. */
    public byte[] mac(byte[] eventHash) {
        return macUnder(keys.currentId()).doFinal(eventHash);
    }

    /**
     * Why the stored event does not hold up against its MAC, or null when it does: {@code eventHash}
     * is its hash recomputed from what is stored. An event appended before MACs began needs none.
     */
    public String tampering(StoredEvent event, byte[] eventHash) {
        if (event.mac() == null) {
            return event.globalIndex() > authenticatedAfter()
                    ? "the event carries no MAC: it was written to the database, not appended by the ledger" : null;
        }
        String keyId = event.macKeyId() == null ? EventKeys.UNNAMED_KEY_ID : event.macKeyId();
        if (!keys.byId().containsKey(keyId)) {
            return "the event's MAC names the event key id '" + keyId + "', which this ledger does not hold: "
                    + "a key retired without being kept for verification (LEDGER_EVENT_HMAC_KEYS), or a forged id";
        }
        if (!MessageDigest.isEqual(macUnder(keyId).doFinal(eventHash), event.mac())) {
            return "the stored event does not match its MAC: it was altered after the ledger appended it";
        }
        return null;
    }

    private long authenticatedAfter() {
        Long after = authenticatedAfter;
        if (after == null) {
            after = jdbc.queryForObject("SELECT authenticated_after FROM event_mac_start", Long.class);
            authenticatedAfter = after;
        }
        return after;
    }

    private Mac macUnder(String keyId) {
        return macs.get().computeIfAbsent(keyId, id -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(new SecretKeySpec(keys.byId().get(id), ALGORITHM));
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HMAC-SHA256 is not available", e);
            }
        });
    }
}
