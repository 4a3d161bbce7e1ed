package io.gpuledger.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written shape checks accept exactly what the documented patterns accept. */
class JsonFieldsShapesPropertyTest {

    private static final Pattern ISO_INSTANT = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z");

    @Property(tries = 3000)
    void identifiersAsThePattern(@ForAll("identifierLike") String text) {
        assertThat(JsonFields.isIdentifier(text)).as(text).isEqualTo(JsonFields.IDENTIFIER.matcher(text).matches());
    }

    @Property(tries = 3000)
    void timestampShapesAsThePattern(@ForAll("timestampLike") String text) {
        assertThat(UtcTimestamps.hasPlainShape(text)).as(text).isEqualTo(ISO_INSTANT.matcher(text).matches());
    }

    @Provide
    Arbitrary<String> identifierLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("aZ09._:-/ é\u0660").ofMinLength(0).ofMaxLength(130),
                Arbitraries.strings().withChars("abcXYZ0189._:-").ofMinLength(125).ofMaxLength(131),
                Arbitraries.strings().all().ofMaxLength(20));
    }

    @Provide
    Arbitrary<String> timestampLike() {
        Arbitrary<String> wellFormed = Arbitraries.of("2026-11-01T00:00:00Z", "2026-11-01T00:00:00.5Z",
                "2026-11-01T00:00:00.123456789Z", "9999-12-31T23:59:59.999Z");
        Arbitrary<String> mutated = wellFormed.flatMap(text -> Arbitraries.integers().between(0, text.length() - 1)
                .flatMap(at -> Arbitraries.of('0', '9', 'Z', '.', 'T', '-', ':', 'x', '\u0660', ' ')
                        .map(c -> text.substring(0, at) + c + text.substring(at + 1))));
        Arbitrary<String> cut = wellFormed.flatMap(text -> Arbitraries.integers().between(0, text.length())
                .map(at -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1))));
        Arbitrary<String> grown = wellFormed.map(text -> text.replace(".", ".0000000000").replace("Z", "0Z"));
        return Arbitraries.oneOf(wellFormed, mutated, cut, grown, Arbitraries.strings().withChars("0123456789-T:.Z")
                .ofMaxLength(32));
    }
}
