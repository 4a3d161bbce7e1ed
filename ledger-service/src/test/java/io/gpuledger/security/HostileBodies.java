package io.gpuledger.security;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;
import org.web3j.crypto.Keys;

/**
 * Malformed request bodies for every POST route, as jqwik arbitraries. Each case says which fields
 * an answer must name as at fault ({@code errors[].field}); whole-body faults name {@code body}.
 * A case is built so that it is wrong in exactly the way it says: everything else in it is valid.
 */
public final class HostileBodies {

    /** The POST routes and the fields of their bodies. */
    public enum PostRoute {
        OPEN_LEASE("/v1/leases", fields(
                f("leaseId", Kind.IDENTIFIER, "\"hostile-open\""),
                f("providerId", Kind.IDENTIFIER, "\"prov-h\""),
                f("providerPayoutAddress", Kind.ADDRESS, "\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\""),
                f("tenantId", Kind.IDENTIFIER, "\"tenant-h\""),
                f("gpuModel", Kind.IDENTIFIER, "\"H100-SXM-80GB\""),
                f("gpuCount", Kind.GPU_COUNT, "8"),
                f("priceUnitsPerGpuHour", Kind.TOKEN_UNITS, "\"2100000\""),
                f("marketplaceFeeBps", Kind.FEE_BPS, "500"),
                f("startsAt", Kind.TIMESTAMP, "\"2026-11-01T00:00:00Z\""),
                f("endsAt", Kind.OPTIONAL_TIMESTAMP, "\"2026-12-01T00:00:00Z\""))),
        CHANGE_PRICE("/v1/leases/{leaseId}/price", fields(
                f("priceUnitsPerGpuHour", Kind.TOKEN_UNITS, "\"1800000\""),
                f("effectiveFrom", Kind.TIMESTAMP, "\"2026-11-20T00:00:00Z\""))),
        CLOSE_LEASE("/v1/leases/{leaseId}/close", fields(
                f("reason", Kind.CLOSE_REASON, "\"TENANT_ENDED\""),
                f("closedAt", Kind.TIMESTAMP, "\"2026-11-25T00:00:00Z\""))),
        RECORD_USAGE("/v1/leases/{leaseId}/usage", fields(
                f("reportId", Kind.IDENTIFIER, "\"hostile-report\""),
                f("periodStart", Kind.TIMESTAMP, "\"2026-11-03T00:00:00Z\""),
                f("periodEnd", Kind.TIMESTAMP, "\"2026-11-03T01:00:00Z\""),
                f("gpuSeconds", Kind.GPU_SECONDS, "3600"))),
        /** Its faults inside a report are answered per report (200, REJECTED); see {@link Case#perReport}. */
        USAGE_BATCH("/v1/usage:batch", fields(
                f("leaseId", Kind.IDENTIFIER, "\"{leaseId}\""),
                f("reportId", Kind.IDENTIFIER, "\"hostile-batch-report\""),
                f("periodStart", Kind.TIMESTAMP, "\"2026-11-04T00:00:00Z\""),
                f("periodEnd", Kind.TIMESTAMP, "\"2026-11-04T01:00:00Z\""),
                f("gpuSeconds", Kind.GPU_SECONDS, "3600"))),
        /** Takes no fields: an empty body or {}. */
        CLOSE_EPOCH("/v1/settlement/epochs", fields());

        public final String path;
        final List<Field> fields;

        PostRoute(String path, List<Field> fields) {
            this.path = path;
            this.fields = fields;
        }
    }

    /**
     * One hostile request body.
     *
     * @param fields    the values of which at least one must appear as {@code errors[].field}; empty for none
     * @param perReport whether the fault sits inside a batch's report, answered 200 with that report REJECTED
     */
    public record Case(PostRoute route, String description, byte[] body, String contentType, Set<String> fields,
                       boolean perReport) {

        @Override
        public String toString() {
            return route + ": " + description + " (" + body.length + " bytes)";
        }
    }

    enum Kind { IDENTIFIER, ADDRESS, GPU_COUNT, FEE_BPS, GPU_SECONDS, TOKEN_UNITS, TIMESTAMP, OPTIONAL_TIMESTAMP, CLOSE_REASON }

    record Field(String name, Kind kind, String validJson) {
    }

    private static Field f(String name, Kind kind, String validJson) {
        return new Field(name, kind, validJson);
    }

    private static List<Field> fields(Field... fields) {
        return List.of(fields);
    }

    private static final String JSON = "application/json";
    /** Over RequestBodies' 1,000,000-character limit on one string. */
    private static final int OVER_STRING_LIMIT = 1_000_001;
    /** Over LEDGER_MAX_BODY_BYTES' default of 4 MiB. */
    private static final int OVER_BODY_LIMIT = 4 * 1024 * 1024 + 1;

    private HostileBodies() {
    }

    /** Hostile bodies for one route: mostly one bad field in a valid body, sometimes a bad body as a whole. */
    public static Arbitrary<Case> forRoute(PostRoute route) {
        if (route.fields.isEmpty()) {
            return Arbitraries.frequencyOf(
                    Tuple.of(3, wholeBody(route)),
                    Tuple.of(1, unknownField(route)));
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, badField(route)),
                Tuple.of(1, missingField(route)),
                Tuple.of(1, unknownField(route)),
                Tuple.of(1, endBeforeStart(route)),
                Tuple.of(3, wholeBody(route)));
    }

    /**
     * {@code count} cases drawn outside a property, from a seeded source so that a failing run can
     * be repeated: jqwik's sampling draws from its current source of randomness, which is seeded here.
     */
    public static List<Case> sample(PostRoute route, int count, long seed) {
        SourceOfRandomness.create(Long.toString(seed ^ route.ordinal()));
        return forRoute(route).sampleStream().limit(count).toList();
    }

    // ---- one field wrong

    private static Arbitrary<Case> badField(PostRoute route) {
        return Arbitraries.of(route.fields).flatMap(field -> badValue(field.kind()).map(bad ->
                withField(route, field.name(), bad.json(), "field " + field.name() + " " + bad.what())));
    }

    private static Arbitrary<Case> missingField(PostRoute route) {
        List<Field> required = route.fields.stream().filter(f -> f.kind() != Kind.OPTIONAL_TIMESTAMP).toList();
        return Arbitraries.of(required).flatMap(field -> Arbitraries.of(true, false).map(asNull ->
                withField(route, field.name(), asNull ? "null" : null,
                        "field " + field.name() + (asNull ? " null" : " missing"))));
    }

    private static Arbitrary<Case> unknownField(PostRoute route) {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(30).map(s -> "x" + s),
                Arbitraries.of("apiKey", "Authorization", "signerKey", "__proto__", "constructor", "leaseid",
                        "LeaseId", " leaseId", "leaseId ", "marketplaceId", "", "\u0000", "\u202eevil", "é"),
                // Up to Jackson's limit on names, 50,000 characters; longer ones are a whole-body fault.
                Arbitraries.integers().between(129, 50_000).map("k"::repeat));
        return Combinators.combine(names, anyJsonValue()).as((name, value) -> {
            Map<String, String> body = validBody(route);
            body.put(name, value);
            String field = route == PostRoute.USAGE_BATCH ? "reports[0]." + name : name;
            return build(route, body, "unknown field " + abbreviate(name), Set.of(field), route == PostRoute.USAGE_BATCH);
        }).filter(c -> route.fields.stream().noneMatch(f -> f.name().equals(c.fields().iterator().next()
                .replace("reports[0].", ""))));
    }

    private static Arbitrary<Case> endBeforeStart(PostRoute route) {
        String start = switch (route) {
            case OPEN_LEASE -> "startsAt";
            case RECORD_USAGE, USAGE_BATCH -> "periodStart";
            default -> null;
        };
        if (start == null) {
            return badField(route);
        }
        String end = start.equals("startsAt") ? "endsAt" : "periodEnd";
        // The end at or up to ten years before the start.
        return Arbitraries.longs().between(0, 315_360_000L).map(secondsBefore -> {
            java.time.Instant startsAt = java.time.Instant.parse("2026-11-05T00:00:00Z");
            Map<String, String> body = validBody(route);
            body.put(start, quote(startsAt.toString()));
            body.put(end, quote(startsAt.minusSeconds(secondsBefore).toString()));
            return build(route, body, end + " " + secondsBefore + " s before " + start,
                    Set.of(prefixed(route, end)), route == PostRoute.USAGE_BATCH);
        });
    }

    private static Case withField(PostRoute route, String name, String json, String description) {
        Map<String, String> body = validBody(route);
        if (json == null) {
            body.remove(name);
        } else {
            body.put(name, json);
        }
        return build(route, body, description, Set.of(prefixed(route, name)), route == PostRoute.USAGE_BATCH);
    }

    private static String prefixed(PostRoute route, String name) {
        return route == PostRoute.USAGE_BATCH ? "reports[0]." + name : name;
    }

    record Bad(String json, String what) {
    }

    private static Arbitrary<Bad> badValue(Kind kind) {
        return switch (kind) {
            case IDENTIFIER -> Arbitraries.oneOf(badIdentifier(), wrongTypeForString());
            case ADDRESS -> Arbitraries.oneOf(badAddress(), wrongTypeForString());
            case TOKEN_UNITS -> Arbitraries.oneOf(badTokenUnits(), wrongTypeForString());
            case TIMESTAMP, OPTIONAL_TIMESTAMP -> Arbitraries.oneOf(badTimestamp(), wrongTypeForString());
            case CLOSE_REASON -> Arbitraries.oneOf(
                    Arbitraries.of("tenant_ended", "TENANT ENDED", "", "UNKNOWN", "TENANT_ENDED ", "0")
                            .map(s -> new Bad(quote(s), "not a close reason")),
                    wrongTypeForString());
            case GPU_COUNT -> badWholeNumber(1, 1_000_000);
            case FEE_BPS -> badWholeNumber(0, 10_000);
            case GPU_SECONDS -> badWholeNumber(0, 1L << 52);
        };
    }

    private static Arbitrary<Bad> wrongTypeForString() {
        return Arbitraries.oneOf(
                Arbitraries.of("42", "-1", "1.5", "1e400", "true", "false", "[]", "{}", "[\"a\"]", "{\"a\": \"b\"}",
                        "0.000000000000000000001").map(json -> new Bad(json, "not a string: " + json)),
                nested(2, 12).map(json -> new Bad(json, "a nested structure")));
    }

    private static Arbitrary<Bad> badIdentifier() {
        Arbitrary<String> illegal = Arbitraries.strings()
                .withChars(" /\\?#%&<>\"'`é中😀\t\n\r\u0000\u0001\u001f\u007f\u2028\u202e")
                .ofMinLength(1).ofMaxLength(8);
        return Arbitraries.oneOf(
                Arbitraries.just(new Bad(quote(""), "empty")),
                Arbitraries.integers().between(129, 300_000).map(n -> new Bad(quote("a".repeat(n)), n + " characters")),
                Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(5), illegal)
                        .as((ok, bad) -> new Bad(quote("a" + ok + bad), "illegal characters")),
                Arbitraries.of(".", "-", "_", ":").map(p -> new Bad(quote(p + "abc"), "starting with " + p)));
    }

    private static Arbitrary<Bad> badAddress() {
        Arbitrary<byte[]> addressBytes = Arbitraries.bytes().array(byte[].class).ofSize(20);
        return Arbitraries.oneOf(
                Arbitraries.integers().between(0, 80).filter(n -> n != 40).map(n -> new Bad(
                        quote("0x" + "ab".repeat(n / 2) + (n % 2 == 1 ? "c" : "")), n + " hex digits")),
                Arbitraries.just(new Bad(quote("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), "no 0x")),
                Arbitraries.just(new Bad(quote("0X5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), "0X prefix")),
                Arbitraries.just(new Bad(quote("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg"), "not hex")),
                addressBytes.map(HostileBodies::badChecksum).filter(a -> a != null)
                        .map(a -> new Bad(quote(a), "bad EIP-55 checksum " + a)));
    }

    /** A mixed-case address whose checksum is wrong: a valid one with one letter's case flipped. */
    private static String badChecksum(byte[] bytes) {
        String good = Keys.toChecksumAddress("0x" + java.util.HexFormat.of().formatHex(bytes));
        for (int i = 2; i < good.length(); i++) {
            char c = good.charAt(i);
            if (Character.isLetter(c)) {
                char flipped = Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c);
                String bad = good.substring(0, i) + flipped + good.substring(i + 1);
                String hex = bad.substring(2);
                boolean mixed = !hex.equals(hex.toLowerCase()) && !hex.equals(hex.toUpperCase());
                if (mixed && !Keys.toChecksumAddress(bad).equals(bad)) {
                    return bad;
                }
            }
        }
        return null;
    }

    private static Arbitrary<Bad> badTokenUnits() {
        BigInteger uint256Max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(uint256Max.add(BigInteger.ONE), uint256Max.shiftLeft(80))
                        .map(n -> new Bad(quote(n.toString()), "beyond uint256")),
                Arbitraries.bigIntegers().between(BigInteger.ONE, uint256Max)
                        .map(n -> new Bad(quote("-" + n), "negative")),
                Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.integers().between(1, 999_999))
                        .as((whole, fraction) -> new Bad(quote(whole + "." + fraction), "fractional")),
                Arbitraries.longs().between(1, Long.MAX_VALUE).map(n -> new Bad(Long.toString(n), "a JSON number")),
                Arbitraries.of("", " 1", "1 ", "+1", "01", "00", "-0", "0x10", "1e6", "1E6", "NaN", "Infinity", "1_000",
                        "1,000", "١٢٣", "１２３", "12a", "9".repeat(79), "1" + "0".repeat(200))
                        .map(s -> new Bad(quote(s), "not a decimal integer: " + abbreviate(s))),
                Arbitraries.of("1.5", "-3", "2.5e3", "1" + "0".repeat(99)).map(n -> new Bad(n, "a JSON number " + abbreviate(n))));
    }

    private static Arbitrary<Bad> badTimestamp() {
        return Arbitraries.oneOf(
                Arbitraries.of("2026-02-30T00:00:00Z", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z",
                        "2026-00-10T00:00:00Z", "2026-11-00T00:00:00Z", "2026-11-31T00:00:00Z",
                        "2026-11-01T24:00:00Z", "2026-11-01T23:60:00Z", "2026-11-01T23:59:60Z",
                        "2026-11-01T99:99:99Z").map(s -> new Bad(quote(s), "impossible moment " + s)),
                Arbitraries.of("2026-11-01", "2026-11-01T00:00:00", "2026-11-01 00:00:00Z", "2026-11-01T00:00:00+00:00",
                        "2026-11-01T00:00:00.Z", "2026-11-01T00:00:00.1234567890Z", "2026-11-01t00:00:00z",
                        "+2026-11-01T00:00:00Z", "-2026-11-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                        "20261101T000000Z", "1761955200", "", "now", "２０２６-11-01T00:00:00Z",
                        "2026-11-01T00:00:00Z\n", " 2026-11-01T00:00:00Z", "Sun, 01 Nov 2026 00:00:00 GMT")
                        .map(s -> new Bad(quote(s), "not ISO-8601 UTC: " + s.strip())),
                Arbitraries.longs().map(n -> new Bad(Long.toString(n), "epoch number")));
    }

    private static Arbitrary<Bad> badWholeNumber(long min, long max) {
        BigInteger hundredDigits = BigInteger.TEN.pow(99);
        return Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.valueOf(max).add(BigInteger.ONE), hundredDigits)
                        .map(n -> new Bad(n.toString(), "above " + max)),
                Arbitraries.bigIntegers().between(hundredDigits.negate(), BigInteger.valueOf(min).subtract(BigInteger.ONE))
                        .map(n -> new Bad(n.toString(), "below " + min)),
                Combinators.combine(Arbitraries.longs().between(min, Math.min(max, Long.MAX_VALUE - 1)),
                                Arbitraries.integers().between(1, 99))
                        .as((whole, fraction) -> new Bad(whole + "." + fraction, "fractional")),
                Arbitraries.longs().between(min, max).map(n -> new Bad(n + ".0", "written as a fraction")),
                Arbitraries.longs().between(min, max).map(n -> new Bad(quote(Long.toString(n)), "as a string")),
                Arbitraries.of("1e3", "1E2", "-0.5", "true", "[8]", "{\"n\": 8}", "\"\"")
                        .map(s -> new Bad(s, "not a whole number: " + s)),
                nested(2, 12).map(json -> new Bad(json, "a nested structure")));
    }

    /** Arrays or objects nested {@code from}..{@code to} deep: deep enough to be wrong, shallow enough to parse. */
    private static Arbitrary<String> nested(int from, int to) {
        return Combinators.combine(Arbitraries.integers().between(from, to), Arbitraries.of(true, false))
                .as((depth, arrays) -> arrays
                        ? "[".repeat(depth) + "]".repeat(depth)
                        : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth));
    }

    private static Arbitrary<String> anyJsonValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("1", "\"test-key-marketplace-a-0001\"", "null", "true", "[]", "{}", "-1.5"),
                Arbitraries.strings().ofMaxLength(50).map(HostileBodies::quote));
    }

    // ---- the body as a whole wrong

    private static Arbitrary<Case> wholeBody(PostRoute route) {
        String valid = render(route, validBody(route));
        // A body with a string in it, to break inside that string; the epoch route's valid body has none.
        String withString = route.fields.isEmpty() ? "{\"x\": \"y\"}" : valid;
        return Arbitraries.oneOf(
                // An empty body is how an epoch close is meant to be sent; for the others it is a fault.
                Arbitraries.of(route.fields.isEmpty() ? " " : "", " ", "\n\t ", "null", "true", "42", "-1.5", "\"a string\"", "[]", "[{}]", "[" + valid + "]",
                        "{", "}", "[1,2", "{\"a\":}", "{'single': 'quotes'}", "{\"a\":1} trailing", valid + " {}",
                        valid + valid, "<xml/>", "key=value&other=1", "undefined", "NaN", "{\"a\":1,}", "{,}",
                        "/* comment */ " + valid, "// comment\n" + valid)
                        .map(text -> body(route, text, "not a JSON object: " + abbreviate(text))),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(200)
                        .map(text -> body(route, "x" + text, "random text")),
                Combinators.combine(Arbitraries.integers().between(17, 20_000), Arbitraries.of(true, false))
                        .as((depth, arrays) -> body(route, arrays
                                ? "[".repeat(depth) + "]".repeat(depth)
                                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth), "nested " + depth + " deep")),
                Arbitraries.integers().between(1, 31).map(c -> body(route,
                        withString.replaceFirst("\"", "\"" + (char) c.intValue()), "raw control character " + c)),
                Arbitraries.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})
                        .map(bytes -> invalidUtf8(route, withString, bytes)),
                Arbitraries.just(duplicateField(route)),
                Arbitraries.integers().between(50_001, 100_000).map(n -> body(route,
                        "{\"" + "k".repeat(n) + "\": 1}", "a field name of " + n + " characters")),
                Arbitraries.of(OVER_STRING_LIMIT, OVER_BODY_LIMIT).map(n -> body(route,
                        "{\"" + (route.fields.isEmpty() ? "x" : route.fields.get(0).name()) + "\": \"" + "a".repeat(n) + "\"}",
                        "a string of " + n + " characters")),
                Arbitraries.of("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data")
                        .map(type -> new Case(route, "garbage as " + type, "a=1&b=<x/>".getBytes(StandardCharsets.UTF_8),
                                type, Set.of("body", "Content-Type"), false)));
    }

    private static Case body(PostRoute route, String text, String description) {
        return new Case(route, description, text.getBytes(StandardCharsets.UTF_8), JSON, Set.of("body"), false);
    }

    /**
     * Bytes that are not UTF-8, at the start of the body's first string value. Jackson refuses most
     * (MALFORMED_JSON), but decodes an encoded surrogate leniently; then the value is refused by
     * the field's own rule. Either answer names where the fault is.
     */
    private static Case invalidUtf8(PostRoute route, String withString, byte[] bad) {
        byte[] text = withString.getBytes(StandardCharsets.UTF_8);
        int at = withString.indexOf("\": \"") + 4;
        String name = withString.substring(withString.lastIndexOf('"', at - 5) + 1, at - 4);
        byte[] out = new byte[text.length + bad.length];
        System.arraycopy(text, 0, out, 0, at);
        System.arraycopy(bad, 0, out, at, bad.length);
        System.arraycopy(text, at, out, at + bad.length, text.length - at);
        return new Case(route, "invalid UTF-8 in " + name, out, JSON, Set.of("body", prefixed(route, name)),
                route == PostRoute.USAGE_BATCH);
    }

    /** The same field twice, with two different values: parsers that keep the first and the last disagree. */
    private static Case duplicateField(PostRoute route) {
        if (route.fields.isEmpty()) {
            return body(route, "{\"x\": 1, \"x\": 2}", "duplicate field");
        }
        Field first = route == PostRoute.USAGE_BATCH ? route.fields.get(1) : route.fields.get(0);
        String object = render(PostRoute.RECORD_USAGE, validBody(route));
        String other = quote("other-" + first.validJson().replace("\"", ""));
        String duplicated = "{" + quote(first.name()) + ": " + other + ", " + object.substring(1);
        return body(route, route == PostRoute.USAGE_BATCH ? "{\"reports\": [" + duplicated + "]}" : duplicated,
                "duplicate field " + first.name());
    }

    // ---- building bodies

    /** The route's valid body, field by field as JSON text; for a batch, the fields of its one report. */
    private static Map<String, String> validBody(PostRoute route) {
        Map<String, String> body = new LinkedHashMap<>();
        route.fields.forEach(field -> body.put(field.name(), field.validJson()));
        return body;
    }

    private static Case build(PostRoute route, Map<String, String> fields, String description, Set<String> expected,
                              boolean perReport) {
        return new Case(route, description, render(route, fields).getBytes(StandardCharsets.UTF_8), JSON, expected,
                perReport);
    }

    static String render(PostRoute route, Map<String, String> fields) {
        String object = fields.entrySet().stream()
                .map(e -> quote(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        return route == PostRoute.USAGE_BATCH ? "{\"reports\": [" + object + "]}" : object;
    }

    static String quote(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }

    private static String abbreviate(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
        return shown.chars().mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : String.valueOf((char) c))
                .collect(Collectors.joining());
    }

    static Stream<PostRoute> routes() {
        return Stream.of(PostRoute.values());
    }
}
