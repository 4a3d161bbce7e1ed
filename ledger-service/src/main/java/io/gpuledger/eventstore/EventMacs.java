package io.gpuledger.eventstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Authenticates events with the ledger's event key, which PostgreSQL never holds: each event's MAC
 * is HMAC-SHA256(key, eventHash) ({@link EventHashes}), written in the statement that appends the
 * event ({@link AuthenticatedAppends}). Someone who can write to the database can alter an event,
 * but cannot make its MAC match, so the sealer and verification find an event altered even before
 * it was sealed. The key is given as 32 or more bytes in hex, by LEDGER_EVENT_HMAC_KEY or in the file
 * LEDGER_EVENT_HMAC_KEY_FILE; it is never logged, and no message names it.
 */
@Component
public class EventMacs {

    public static final int MIN_KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    private final JdbcTemplate jdbc;
    private final ThreadLocal<Mac> macs;
    private volatile Long authenticatedAfter;

    public EventMacs(@Value("${ledger.audit.event-hmac-key:}") String key,
                     @Value("${ledger.audit.event-hmac-key-file:}") String keyFile, JdbcTemplate jdbc) {
        this.key = new SecretKeySpec(keyBytes(key, keyFile), ALGORITHM);
        this.jdbc = jdbc;
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** The MAC of an event whose canonical hash is {@code eventHash}. */
    public byte[] mac(byte[] eventHash) {
        return macs.get().doFinal(eventHash);
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
        if (!MessageDigest.isEqual(mac(eventHash), event.mac())) {
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

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    static byte[] keyBytes(String key, String keyFile) {
        boolean inline = key != null && !key.isBlank();
        boolean file = keyFile != null && !keyFile.isBlank();
        if (inline == file) {
            throw new IllegalStateException("the ledger's event key is needed: set exactly one of LEDGER_EVENT_HMAC_KEY "
                    + "and LEDGER_EVENT_HMAC_KEY_FILE (" + MIN_KEY_BYTES + " or more random bytes in hex; "
                    + "the run command makes one in .ledger/event-hmac.key)");
        }
        String hex;
        try {
            hex = inline ? key.strip() : Files.readString(Path.of(keyFile.strip())).strip();
        } catch (IOException e) {
            throw new IllegalStateException("the ledger's event key file could not be read: " + keyFile.strip());
        }
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the ledger's event key must be hex");
        }
        if (bytes.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("the ledger's event key must hold at least " + MIN_KEY_BYTES + " bytes");
        }
        return bytes;
    }
}
