package io.gpuledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class EventHashesTest {

    @Test
    void theCanonicalEncodingIsSolidityAbiEncodeOfTheStoredFields() {
        for (String payload : List.of("", "{}", "{\"gpuSeconds\":28800}", "x".repeat(33), "é€".repeat(40))) {
            StoredEvent event = new StoredEvent(7, "8f0c1a2e-5b7d-4c8e-9a1b-2c3d4e5f6a7b", "mkt-a/lease-0001",
                    1L << 40, "io.gpuledger.usage.api.UsageRecordedEvent", "2", "2026-11-01T00:00:00.123Z",
                    payload.getBytes(StandardCharsets.UTF_8));
            String expected = FunctionEncoder.encodeConstructor(List.of(new Utf8String(event.eventId()),
                    new Utf8String(event.aggregateId()), new Uint64(event.sequenceNumber()),
                    new Utf8String(event.payloadType()), new Utf8String(event.recordedAt()),
                    new DynamicBytes(event.payload())));
            assertThat(Numeric.toHexString(EventHashes.canonicalEncoding(event)))
                    .isEqualTo(Numeric.prependHexPrefix(expected));
        }
    }

    @Test
    void theRevisionIsNotPartOfTheHashSinceAnUpcastReadsTheSameStoredBytes() {
        byte[] payload = "{\"reports\":[]}".getBytes(StandardCharsets.UTF_8);
        StoredEvent revisionOne = new StoredEvent(3, "e-1", "mkt-a/lease-1", 2, "io.gpuledger.usage.api.UsageRecordedEvent",
                null, "2026-11-01T00:00:00Z", payload);
        StoredEvent revisionTwo = new StoredEvent(3, "e-1", "mkt-a/lease-1", 2, "io.gpuledger.usage.api.UsageRecordedEvent",
                "2", "2026-11-01T00:00:00Z", payload);
        assertThat(EventHashes.hash(revisionTwo)).isEqualTo(EventHashes.hash(revisionOne));
    }

    @Test
    void theHashIsKeccakOfTheCanonicalEncodingWhateverTheLengthsOfTheParts() {
        Random random = new Random(20261130);
        for (int i = 0; i < 500; i++) {
            byte[] payload = new byte[random.nextInt(600)];
            random.nextBytes(payload);
            StoredEvent event = new StoredEvent(i, "e".repeat(random.nextInt(70)), "a".repeat(1 + random.nextInt(70)),
                    random.nextLong() & Long.MAX_VALUE, "t".repeat(random.nextInt(140)), null, "2026-11-30T07:13:00.123Z",
                    payload);
            assertThat(EventHashes.hash(event)).isEqualTo(Hash.sha3(EventHashes.canonicalEncoding(event)));
        }
    }

    @Test
    void eachLinkOfTheChainIsKeccakOfThePreviousLinkAndTheEventHash() {
        byte[] previous = ChainHash.START;
        for (int i = 0; i < 100; i++) {
            byte[] eventHash = Hash.sha3(new byte[] {(byte) i});
            byte[] pair = new byte[64];
            System.arraycopy(previous, 0, pair, 0, 32);
            System.arraycopy(eventHash, 0, pair, 32, 32);
            byte[] next = ChainHash.next(previous, eventHash);
            assertThat(next).isEqualTo(Hash.sha3(pair));
            previous = next;
        }
    }
}
