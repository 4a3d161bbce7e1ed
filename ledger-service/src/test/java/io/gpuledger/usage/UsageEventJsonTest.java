package io.gpuledger.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gpuledger.usage.api.UsageRecordedEvent;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written mapping of the usage event must write the very bytes Jackson's reflective mapping writes. */
class UsageEventJsonTest {

    private static final ObjectMapper REFLECTIVE = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final ObjectMapper HAND_WRITTEN = new ObjectMapper().registerModule(new JavaTimeModule())
            .registerModule(new UsageEventJson())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final List<UsageRecordedEvent> EVENTS = List.of(
            new UsageRecordedEvent("mkt-1", "lease-00001", "r-1", Instant.parse("2026-01-01T00:00:00Z"),
                    Instant.parse("2026-01-01T00:01:00Z"), 480, BigInteger.valueOf(2_100_000), BigInteger.valueOf(280),
                    BigInteger.valueOf(14), BigInteger.valueOf(266)),
            new UsageRecordedEvent("m.a:b_c-d", "L" + "x".repeat(127), "report:0.9", Instant.parse(
                    "2026-03-04T05:06:07.123456789Z"), Instant.parse("2026-03-04T05:06:07.5Z"), 1L << 52,
                    new BigInteger("123456789012345678901234567890"), BigInteger.ZERO, BigInteger.ZERO,
                    BigInteger.ZERO),
            new UsageRecordedEvent("quote\"back\\slash\ttab\u0001é€", "l", "r", Instant.EPOCH,
                    Instant.parse("9999-12-31T23:59:59.999Z"), 0, BigInteger.ONE, BigInteger.valueOf(-1),
                    BigInteger.ONE.negate(), BigInteger.TWO),
            new UsageRecordedEvent("m", "l", "r", Instant.parse("0000-01-01T00:00:00.000001Z"),
                    Instant.parse("+10000-01-01T00:00:00Z"), 1, BigInteger.TEN, BigInteger.TEN, BigInteger.ONE,
                    BigInteger.valueOf(9)),
            new UsageRecordedEvent(null, null, null, null, null, 0, null, null, null, null));

    @Test
    void writesTheBytesOfTheReflectiveMapping() throws Exception {
        for (UsageRecordedEvent event : EVENTS) {
            assertThat(new String(HAND_WRITTEN.writeValueAsBytes(event), StandardCharsets.UTF_8))
                    .isEqualTo(new String(REFLECTIVE.writeValueAsBytes(event), StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsWhatEitherMappingWrote() throws Exception {
        for (UsageRecordedEvent event : EVENTS) {
            assertThat(HAND_WRITTEN.readValue(REFLECTIVE.writeValueAsBytes(event), UsageRecordedEvent.class))
                    .isEqualTo(event);
            assertThat(HAND_WRITTEN.readValue(HAND_WRITTEN.writeValueAsBytes(event), UsageRecordedEvent.class))
                    .isEqualTo(event);
        }
    }

    @Test
    void readsFieldsInAnyOrderAndRefusesUnknownOnes() throws Exception {
        String reordered = """
                {"providerUnits":266,"gpuSeconds":480,"leaseId":"l","marketplaceId":"m","reportId":"r",
                 "periodEnd":"2026-01-01T00:01:00Z","periodStart":"2026-01-01T00:00:00Z",
                 "priceUnitsPerGpuHour":2100000,"chargedUnits":280,"feeUnits":14}""";
        assertThat(HAND_WRITTEN.readValue(reordered, UsageRecordedEvent.class)).isEqualTo(new UsageRecordedEvent(
                "m", "l", "r", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:01:00Z"), 480,
                BigInteger.valueOf(2_100_000), BigInteger.valueOf(280), BigInteger.valueOf(14),
                BigInteger.valueOf(266)));
        assertThatThrownBy(() -> HAND_WRITTEN.readValue("{\"leaseId\":\"l\",\"extra\":1}", UsageRecordedEvent.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }
}
