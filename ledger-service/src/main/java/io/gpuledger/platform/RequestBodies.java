package io.gpuledger.platform;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Parses request bodies into JSON trees under tight limits: shallow nesting, bounded strings and
 * numbers, no field named twice. What is wrong is said by position, never by quoting the body,
 * which may hold anything, secrets included.
 */
@Component
public class RequestBodies {

    /** The parser's limits; docs/SECURITY.md quotes them. */
    public static final int MAX_NESTING_DEPTH = 16;
    public static final int MAX_STRING_LENGTH = 1_000_000;
    public static final int MAX_NAME_LENGTH = 50_000;
    public static final int MAX_NUMBER_DIGITS = 100;

    private static final String OVER_THE_LIMITS = String.format(Locale.ROOT,
            "is over the limits: nesting %d deep, strings of %,d characters, names of %,d and numbers of %d digits",
            MAX_NESTING_DEPTH, MAX_STRING_LENGTH, MAX_NAME_LENGTH, MAX_NUMBER_DIGITS);

    private final ObjectMapper reader = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_DIGITS)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            // A field named twice is refused: parsers that keep the first and the last disagree.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    public JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw malformed("the body is empty; a JSON object is required");
        }
        try {
            JsonNode tree = reader.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                throw malformed("the body is empty; a JSON object is required");
            }
            return tree;
        } catch (StreamConstraintsException e) {
            throw malformed(OVER_THE_LIMITS);
        } catch (JacksonException e) {
            // Jackson's own message quotes the offending text: only its kind and position are told.
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "names a field twice" : "is not valid JSON";
            throw malformed(what + at(e.getLocation()));
        } catch (IOException e) {
            throw malformed("could not be read");
        }
    }

    private static String at(JsonLocation location) {
        return location == null || location.getLineNr() < 1
                ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static InvalidRequest malformed(String reason) {
        return new InvalidRequest(RejectionCode.MALFORMED_JSON, List.of(new FieldProblem("body", reason)));
    }
}
