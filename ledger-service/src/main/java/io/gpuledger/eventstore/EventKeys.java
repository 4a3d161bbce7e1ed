package io.gpuledger.eventstore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The ledger's event keys, by id: the current key, which MACs every event appended from now on, and
 * older keys kept to verify the events they MACed (docs/SECURITY.md, "Rotating the event key"). A key
 * is written {@code ID:HEX}, or {@code HEX} alone for id {@value #UNNAMED_KEY_ID}, the id of every
 * MAC stored before MACs named their key. No message names a key's value; they name the variable,
 * the file, or the entry's position in a list.
 */
record EventKeys(String currentId, Map<String, byte[]> byId) {

    /** The id of a key given without one, and of the MACs stored before MACs named their key (V150). */
    static final String UNNAMED_KEY_ID = "0";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern SEPARATORS = Pattern.compile("[,\\s]+");

    EventKeys {
        byId = Map.copyOf(byId);
    }

    /** The ids alone: a key is never part of any text. */
    @Override
    public String toString() {
        return "EventKeys[current=" + currentId + ", ids=" + new TreeSet<>(byId.keySet()) + "]";
    }

    /**
     * The current key from exactly one of {@code key} and {@code keyFile}, and any number of older
     * ones from {@code retired} (entries apart by commas or white space) and {@code retiredFile} (one
     * a line, {@code #} comments).
     */
    static EventKeys parse(String key, String keyFile, String retired, String retiredFile) {
        boolean inline = present(key);
        if (inline == present(keyFile)) {
            throw new IllegalStateException("the ledger's event key is needed: set exactly one of LEDGER_EVENT_HMAC_KEY "
                    + "and LEDGER_EVENT_HMAC_KEY_FILE (" + EventMacs.MIN_KEY_BYTES + " or more random bytes in hex, "
                    + "optionally as ID:HEX; the run command makes one in .ledger/event-hmac.key)");
        }
        String source = inline ? "LEDGER_EVENT_HMAC_KEY" : "the file " + keyFile.strip();
        Map.Entry<String, byte[]> current = entry(inline ? key : read(keyFile, "LEDGER_EVENT_HMAC_KEY_FILE"), source);
        Map<String, byte[]> keys = new LinkedHashMap<>();
        keys.put(current.getKey(), current.getValue());
        if (present(retired)) {
            addAll(keys, SEPARATORS.split(retired.strip()), "LEDGER_EVENT_HMAC_KEYS");
        }
        if (present(retiredFile)) {
            String[] lines = read(retiredFile, "LEDGER_EVENT_HMAC_KEYS_FILE").lines()
                    .map(line -> line.replaceAll("#.*", "").strip()).toArray(String[]::new);
            addAll(keys, lines, "the file " + retiredFile.strip());
        }
        return new EventKeys(current.getKey(), keys);
    }

    private static void addAll(Map<String, byte[]> keys, String[] entries, String source) {
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].isEmpty()) {
                continue;
            }
            Map.Entry<String, byte[]> entry = entry(entries[i], source + " (entry " + (i + 1) + ")");
            byte[] known = keys.putIfAbsent(entry.getKey(), entry.getValue());
            if (known != null && !Arrays.equals(known, entry.getValue())) {
                throw new IllegalStateException("the event key id '" + entry.getKey() + "' in " + source
                        + " names two different keys: each id names one key for good");
            }
        }
    }

    private static Map.Entry<String, byte[]> entry(String text, String source) {
        String value = text.strip();
        int colon = value.indexOf(':');
        String id = colon < 0 ? UNNAMED_KEY_ID : value.substring(0, colon).strip();
        if (!ID.matcher(id).matches()) {
            throw new IllegalStateException("the event key id in " + source
                    + " must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        return Map.entry(id, bytes(colon < 0 ? value : value.substring(colon + 1).strip(), source));
    }

    private static byte[] bytes(String hex, String source) {
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(hex.startsWith("0x") ? hex.substring(2) : hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the ledger's event key in " + source + " must be hex");
        }
        if (bytes.length < EventMacs.MIN_KEY_BYTES) {
            throw new IllegalStateException("the ledger's event key in " + source + " must hold at least "
                    + EventMacs.MIN_KEY_BYTES + " bytes");
        }
        return bytes;
    }

    private static String read(String file, String variable) {
        try {
            return Files.readString(Path.of(file.strip())).strip();
        } catch (IOException e) {
            throw new IllegalStateException("the event key file of " + variable + " could not be read: " + file.strip());
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
