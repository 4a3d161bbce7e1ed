package io.gpuledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.utils.Numeric;

class EventHashesTest {

    @Test
    void theCanonicalEncodingIsSolidityAbiEncodeOfTheStoredFields() {
        for (String payload : List.of("", "{}", "{\"gpuSeconds\":28800}", "x".repeat(33), "é€".repeat(40))) {
            StoredEvent event = new StoredEvent(7, "8f0c1a2e-5b7d-4c8e-9a1b-2c3d4e5f6a7b", "mkt-a/lease-0001",
                    1L << 40, "io.gpuledger.usage.api.UsageRecordedEvent", "2026-11-01T00:00:00.123Z",
                    payload.getBytes(StandardCharsets.UTF_8));
            String expected = FunctionEncoder.encodeConstructor(List.of(new Utf8String(event.eventId()),
                    new Utf8String(event.aggregateId()), new Uint64(event.sequenceNumber()),
                    new Utf8String(event.payloadType()), new Utf8String(event.recordedAt()),
                    new DynamicBytes(event.payload())));
            assertThat(Numeric.toHexString(EventHashes.canonicalEncoding(event)))
                    .isEqualTo(Numeric.prependHexPrefix(expected));
        }
    }
}
