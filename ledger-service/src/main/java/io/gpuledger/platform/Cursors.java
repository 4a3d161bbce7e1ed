package io.gpuledger.platform;

import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Cursors of the list routes. A cursor is opaque to clients: base64url of a version byte, the
 * position the page ended at (the last item's key in the route's order, as text) and an HMAC of
 * both with the list it belongs to (route, caller, filters). So a cursor altered, or passed to
 * another route, filter or caller, is refused with {@code INVALID_CURSOR} instead of quietly
 * starting somewhere else. The key is kept in the database (V120), shared by every instance.
 */
@Component
public class Cursors {

    public static final int MAX_LIMIT = 1000;
    private static final byte VERSION = 1;
    private static final int MAC_BYTES = 16;
    private static final String BAD_CURSOR = "must be the nextCursor of an earlier page of this list, as it was given";

    private final JdbcTemplate jdbc;
    private volatile SecretKeySpec key;

    public Cursors(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Reads a page request: {@code limit} from 1 to {@link #MAX_LIMIT} ({@code defaultLimit} when
     * absent) and the {@code cursor}, which must have been handed out for the same {@code list}.
     */
    public PageRequest request(String limit, String cursor, int defaultLimit, List<String> list) {
        return new PageRequest(limit(limit, defaultLimit), cursor == null ? null : position(cursor, list));
    }

    /**
     * The page of {@code fetched} (up to {@link PageRequest#fetch()} rows in the route's order), with
     * a cursor after its last item when more rows follow.
     */
    public <T> Page<T> page(List<T> fetched, PageRequest request, Function<T, String> position, List<String> list) {
        if (fetched.size() <= request.limit()) {
            return new Page<>(fetched, null);
        }
        List<T> shown = fetched.subList(0, request.limit());
        return new Page<>(shown, cursor(position.apply(shown.get(shown.size() - 1)), list));
    }

    String cursor(String position, List<String> list) {
        byte[] text = position.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(1 + text.length + MAC_BYTES);
        payload.put(VERSION).put(text).put(mac(VERSION, text, list));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
    }

    private String position(String cursor, List<String> list) {
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        // The decoder ignores the spare bits of the last character; only the one spelling counts.
        boolean canonical = Base64.getUrlEncoder().withoutPadding().encodeToString(payload).equals(cursor);
        if (!canonical || payload.length <= 1 + MAC_BYTES || payload[0] != VERSION) {
            throw invalidCursor();
        }
        byte[] text = Arrays.copyOfRange(payload, 1, payload.length - MAC_BYTES);
        byte[] mac = Arrays.copyOfRange(payload, payload.length - MAC_BYTES, payload.length);
        if (!MessageDigest.isEqual(mac, mac(VERSION, text, list))) {
            throw invalidCursor();
        }
        return new String(text, StandardCharsets.UTF_8);
    }

    /** The refusal of a cursor whose position, though signed, is not one the route can read. */
    public static InvalidRequest invalidCursor() {
        return new InvalidRequest(RejectionCode.INVALID_CURSOR, List.of(new FieldProblem("cursor", BAD_CURSOR)));
    }

    private static int limit(String text, int defaultLimit) {
        if (text == null) {
            return defaultLimit;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other limit out of range
        }
        throw new InvalidRequest(RejectionCode.VALIDATION_FAILED,
                List.of(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT)));
    }

    private byte[] mac(byte version, byte[] position, List<String> list) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(key());
            hmac.update(version);
            // Each part is length-prefixed, so no two lists or positions sign the same bytes.
            for (String part : list) {
                update(hmac, part == null ? new byte[] {0} : ("=" + part).getBytes(StandardCharsets.UTF_8));
            }
            update(hmac, position);
            return Arrays.copyOf(hmac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static void update(Mac hmac, byte[] part) {
        hmac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        hmac.update(part);
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            jdbc.update("INSERT INTO cursor_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", (Object) fresh);
            byte[] stored = jdbc.queryForObject("SELECT key FROM cursor_key WHERE id = 1", byte[].class);
            current = new SecretKeySpec(stored, "HmacSHA256");
            key = current;
        }
        return current;
    }
}
