package io.gpuledger.lease.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
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

    private static final RecordedUsage PLAIN = new RecordedUsage("r-1", Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:01:00Z"), 480, BigInteger.valueOf(2_100_000), BigInteger.valueOf(280),
            BigInteger.valueOf(14), BigInteger.valueOf(266));
    private static final RecordedUsage FRACTIONS_AND_HUGE = new RecordedUsage("report:0.9",
            Instant.parse("2026-03-04T05:06:07.123456789Z"), Instant.parse("2026-03-04T05:06:07.5Z"), 1L << 52,
            new BigInteger("123456789012345678901234567890"), BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
    private static final RecordedUsage EDGES = new RecordedUsage("quote\"back\\slash\ttab\u0001é€", Instant.EPOCH,
            Instant.parse("9999-12-31T23:59:59.999Z"), 0, BigInteger.ONE, BigInteger.valueOf(-1),
            BigInteger.ONE.negate(), BigInteger.TWO);
    private static final RecordedUsage FAR_YEARS = new RecordedUsage("r", Instant.parse("0000-01-01T00:00:00.000001Z"),
            Instant.parse("+10000-01-01T00:00:00Z"), 1, BigInteger.TEN, BigInteger.TEN, BigInteger.ONE,
            BigInteger.valueOf(9));
    private static final RecordedUsage LONG_BOUNDS = new RecordedUsage("bounds", Instant.EPOCH, Instant.EPOCH, 2,
            BigInteger.valueOf(Long.MAX_VALUE), BigInteger.ONE.shiftLeft(63), BigInteger.valueOf(Long.MIN_VALUE),
            BigInteger.ONE.shiftLeft(63).negate().subtract(BigInteger.ONE));
    private static final RecordedUsage NULLS = new RecordedUsage(null, null, null, 0, null, null, null, null);
    private static final RecordedUsage SIGNED = new RecordedUsage("signed", Instant.EPOCH, Instant.EPOCH.plusSeconds(60), 60,
            BigInteger.TEN, BigInteger.ONE, BigInteger.ZERO, BigInteger.ONE, "0x" + "ab".repeat(65), "0x" + "cd".repeat(65));
    private static final RecordedUsage METER_SIGNED = new RecordedUsage("meter-signed", Instant.EPOCH,
            Instant.EPOCH.plusSeconds(60), 60, BigInteger.TEN, BigInteger.ONE, BigInteger.ZERO, BigInteger.ONE,
            "0x" + "ab".repeat(65), null);

    private static final List<UsageRecordedEvent> EVENTS = List.of(
            new UsageRecordedEvent("mkt-1", "lease-00001", List.of(PLAIN)),
            new UsageRecordedEvent("m.a:b_c-d", "L" + "x".repeat(127), List.of(FRACTIONS_AND_HUGE, PLAIN, EDGES)),
            new UsageRecordedEvent("quote\"back\\slash\ttab\u0001é€", "l", List.of(EDGES, FAR_YEARS)),
            new UsageRecordedEvent("m", "l", List.of()),
            new UsageRecordedEvent("m", "l", List.of(LONG_BOUNDS)),
            new UsageRecordedEvent("m", "l", java.util.Arrays.asList(PLAIN, null)),
            new UsageRecordedEvent(null, null, List.of(NULLS)),
            new UsageRecordedEvent("m", "l", List.of(SIGNED, METER_SIGNED, PLAIN)),
            new UsageRecordedEvent(null, null, null));

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
                {"reports":[{"providerUnits":266,"gpuSeconds":480,"reportId":"r-1","periodEnd":"2026-01-01T00:01:00Z",
                 "periodStart":"2026-01-01T00:00:00Z","priceUnitsPerGpuHour":2100000,"chargedUnits":280,
                 "feeUnits":14}],"leaseId":"lease-00001","marketplaceId":"mkt-1"}""";
        assertThat(HAND_WRITTEN.readValue(reordered, UsageRecordedEvent.class)).isEqualTo(EVENTS.get(0));
        assertThatThrownBy(() -> HAND_WRITTEN.readValue("{\"leaseId\":\"l\",\"extra\":1}", UsageRecordedEvent.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> HAND_WRITTEN.readValue("{\"reports\":[{\"reportId\":\"r\",\"extra\":1}]}",
                UsageRecordedEvent.class)).isInstanceOf(UnrecognizedPropertyException.class);
    }
}
