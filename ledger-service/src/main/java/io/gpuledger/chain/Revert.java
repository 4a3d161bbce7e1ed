package io.gpuledger.chain;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;

/**
 * Why a call reverted: {@code data}, the revert data as 0x-hex exactly as the contract returned it
 * (null when the node gave none), and {@code reason}, readable text: the message of a standard
 * {@code Error(string)}, {@code Panic(0x11)}, {@code custom error 0x<selector>}, or the node's own
 * message. Revert data is bytes, not text (a custom error's arguments hold NUL bytes), so it is never
 * stored as text; the reason is kept printable.
 */
public record Revert(String reason, String data) {

    static final String ERROR_SELECTOR = "0x08c379a0";
    static final String PANIC_SELECTOR = "0x4e487b71";
    private static final Pattern HEX = Pattern.compile("0x([0-9a-f]{2})*");

    /** Reads what a node answered to an {@code eth_call} that reverted. */
    static Revert of(String nodeMessage, String errorData, String result) {
        String data = hexOrNull(errorData);
        if (data == null) {
            data = hexOrNull(result);
        }
        if (data == null) {
            return new Revert(nodeMessage == null ? "reverted without revert data" : printable(nodeMessage), null);
        }
        return new Revert(reasonOf(data), data);
    }

    /** The readable reason of revert data given as 0x-hex. */
    static String reasonOf(String data) {
        if (data.length() < 10) {
            return data.length() == 2 ? "reverted without revert data" : "revert data " + data;
        }
        String selector = data.substring(0, 10);
        String arguments = "0x" + data.substring(10);
        if (selector.equals(ERROR_SELECTOR)) {
            @SuppressWarnings({"unchecked", "rawtypes"})
            List<Type> decoded = FunctionReturnDecoder.decode(arguments,
                    (List) List.of(new TypeReference<Utf8String>() { }));
            if (decoded.size() == 1) {
                return printable((String) decoded.get(0).getValue());
            }
        } else if (selector.equals(PANIC_SELECTOR) && data.length() == 10 + 64) {
            return "Panic(0x" + new BigInteger(data.substring(10), 16).toString(16) + ")";
        }
        return "custom error " + selector;
    }

    /** The text with control characters (NUL among them, which PostgreSQL text refuses) written as \xNN. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format(Locale.ROOT, "\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static String hexOrNull(String value) {
        if (value == null) {
            return null;
        }
        String hex = value.replace("\"", "").strip().toLowerCase(Locale.ROOT);
        return HEX.matcher(hex).matches() ? hex : null;
    }
}
