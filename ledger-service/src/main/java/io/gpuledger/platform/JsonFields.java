package io.gpuledger.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.common.TokenUnits;
import java.math.BigInteger;
import java.time.Instant;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/**
 * Reads the fields of one JSON object, collecting a problem per bad field instead of stopping at
 * the first, so a client learns everything wrong with a request at once.
 */
public final class JsonFields {

    private static final String NOT_AN_IDENTIFIER =
            "must be 1-128 characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit";
    public static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private final JsonNode node;
    private final String prefix;
    private final List<FieldProblem> problems;

    private JsonFields(JsonNode node, String prefix, List<FieldProblem> problems) {
        this.node = node;
        this.prefix = prefix;
        this.problems = problems;
    }

    /** Fields of a request body, which must be an object holding only the given fields. */
    public static JsonFields of(JsonNode body, Set<String> allowed) {
        return nested(body, "", allowed, new ArrayList<>());
    }

    /** Fields of an object nested in a request, reporting problems under {@code prefix}. */
    public static JsonFields nested(JsonNode object, String prefix, Set<String> allowed, List<FieldProblem> sink) {
        JsonFields fields = new JsonFields(object, prefix, sink);
        if (object == null || !object.isObject()) {
            sink.add(new FieldProblem(prefix.isEmpty() ? "body" : prefix, "must be a JSON object"));
            return new JsonFields(new ObjectNode(null), prefix, sink);
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                fields.problem(name, "is not a known field");
            }
        }
        return fields;
    }

    public String identifier(String field) {
        String text = text(field, true);
        if (text != null && !isIdentifier(text)) {
            problem(field, NOT_AN_IDENTIFIER);
            return null;
        }
        return text;
    }

    /** Checks an identifier that the path carries (a tenant or report id) with the same rule and message. */
    public void pathIdentifier(String field, String value) {
        if (!isIdentifier(value)) {
            problem(field, NOT_AN_IDENTIFIER);
        }
    }

    /**
     * Whether {@code text} matches {@link #IDENTIFIER}, checked character by character: two
     * identifiers per usage report, and the regular expression's matcher was a share of parsing a batch.
     */
    public static boolean isIdentifier(String text) {
        int length = text.length();
        if (length == 0 || length > 128 || !isLetterOrDigit(text.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = text.charAt(i);
            if (!isLetterOrDigit(c) && c != '.' && c != '_' && c != ':' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    public String text(String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problem(field, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problem(field, "must be a string");
            return null;
        }
        return value.textValue();
    }

    public int integer(String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problem(field, "is required");
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()
                || value.intValue() < min || value.intValue() > max) {
            problem(field, "must be a whole number from " + min + " to " + max);
            return 0;
        }
        return value.intValue();
    }

    public long wholeNumber(String field, long min, long max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            problem(field, "is required");
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()
                || value.longValue() < min || value.longValue() > max) {
            problem(field, "must be a whole number from " + min + " to " + max);
            return 0;
        }
        return value.longValue();
    }

    public BigInteger tokenUnits(String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isNumber()) {
            problem(field, "must be a decimal string of token units, such as \"2100000\", not a JSON number");
            return null;
        }
        String text = text(field, true);
        if (text == null) {
            return null;
        }
        try {
            return TokenUnits.parse(text);
        } catch (IllegalArgumentException e) {
            problem(field, e.getMessage());
            return null;
        }
    }

    public Instant instant(String field, boolean required) {
        String text = text(field, required);
        if (text == null) {
            return null;
        }
        if (!UtcTimestamps.hasPlainShape(text)) {
            problem(field, "must be an ISO-8601 UTC timestamp such as 2026-11-01T00:00:00Z");
            return null;
        }
        try {
            return UtcTimestamps.parse(text);
        } catch (DateTimeException e) {
            problem(field, "is not a valid moment in time");
            return null;
        }
    }

    /** A 0x-prefixed address; mixed case must pass the EIP-55 checksum. Returned checksummed. */
    public String address(String field) {
        String text = text(field, true);
        if (text == null) {
            return null;
        }
        if (!ADDRESS.matcher(text).matches()) {
            problem(field, "must be a 0x-prefixed 20-byte hex address");
            return null;
        }
        String checksummed = Keys.toChecksumAddress(text);
        String hex = text.substring(2);
        boolean mixedCase = !hex.equals(hex.toLowerCase()) && !hex.equals(hex.toUpperCase());
        if (mixedCase && !checksummed.equals(text)) {
            problem(field, "fails its EIP-55 checksum");
            return null;
        }
        return checksummed;
    }

    public <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        String text = text(field, true);
        if (text == null) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        problem(field, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        return null;
    }

    public void problem(String field, String message) {
        problems.add(new FieldProblem(prefix.isEmpty() ? field : prefix + "." + field, message));
    }

    /** Whether the field is present and not null. */
    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED, problems);
        }
    }
}
