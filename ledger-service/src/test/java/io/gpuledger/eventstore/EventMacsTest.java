package io.gpuledger.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event keys: the current one required, each at least 32 bytes of hex, from a variable or a file,
 * older ones kept by id to verify what they MACed, and none named in any message.
 */
class EventMacsTest {

    private static final String KEY = "4f".repeat(31) + "a1";
    private static final StoredEvent EVENT = new StoredEvent(9, "e-1", "mkt-a/lease-1", 3,
            "io.gpuledger.usage.api.UsageRecordedEvent", "2", "2026-11-02T00:00:00.000Z",
            "{\"gpuSeconds\":3600}".getBytes(StandardCharsets.UTF_8));

    @Test
    void theMacIsHmacSha256OfTheEventHashUnderTheKey() throws Exception {
        Mac reference = Mac.getInstance("HmacSHA256");
        reference.init(new SecretKeySpec(HexFormat.of().parseHex(KEY), "HmacSHA256"));
        byte[] hash = EventHashes.hash(EVENT);

        assertThat(new EventMacs(KEY, "", null).mac(hash)).isEqualTo(reference.doFinal(hash));
        assertThat(new EventMacs("0x" + KEY.replace('4', '5'), "", null).mac(hash)).isNotEqualTo(reference.doFinal(hash));
    }

    @Test
    void anEventWhoseStoredFormChangedNoLongerMatchesItsMac() {
        EventMacs macs = new EventMacs(KEY, "", null);
        StoredEvent appended = withMac(EVENT, macs.mac(EventHashes.hash(EVENT)));
        StoredEvent altered = new StoredEvent(9, "e-1", "mkt-a/lease-1", 3, EVENT.payloadType(), "2",
                EVENT.recordedAt(), "{\"gpuSeconds\":360}".getBytes(StandardCharsets.UTF_8), appended.mac());

        assertThat(macs.tampering(appended, EventHashes.hash(appended))).isNull();
        assertThat(macs.tampering(altered, EventHashes.hash(altered))).contains("does not match its MAC");
    }

    @Test
    void theKeyMayComeFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("event-hmac.key");
        Files.writeString(file, KEY + "\n");
        byte[] hash = EventHashes.hash(EVENT);

        assertThat(new EventMacs("", file.toString(), null).mac(hash)).isEqualTo(new EventMacs(KEY, "", null).mac(hash));
    }

    @Test
    void cannotStartWithoutAKeyOrWithTwo() {
        assertThatThrownBy(() -> new EventMacs("", "", null)).hasMessageContaining("LEDGER_EVENT_HMAC_KEY");
        assertThatThrownBy(() -> new EventMacs(KEY, "/some/file", null)).hasMessageContaining("exactly one")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
    }

    @Test
    void cannotStartWithAShortOrMalformedKeyAndTheMessageDoesNotQuoteIt() {
        String shortKey = "ab".repeat(31);
        String notHex = "zz" + KEY.substring(2);
        assertThatThrownBy(() -> new EventMacs(shortKey, "", null)).hasMessageContaining("at least 32 bytes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(shortKey));
        assertThatThrownBy(() -> new EventMacs(notHex, "", null)).hasMessageContaining("must be hex")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(notHex));
    }

    @Test
    void anEventIsCheckedWithTheKeyItsMacNamesSoARotatedKeyKeepsVerifyingTheHistory() {
        String older = "5e".repeat(32);
        EventMacs before = new EventMacs("a:" + older, "", null);
        StoredEvent underA = withMac(EVENT, before.mac(EventHashes.hash(EVENT)), before.currentKeyId());
        EventMacs rotated = new EventMacs("b:" + KEY, "", "a:" + older, "", null);
        StoredEvent underB = withMac(EVENT, rotated.mac(EventHashes.hash(EVENT)), rotated.currentKeyId());

        assertThat(rotated.currentKeyId()).isEqualTo("b");
        assertThat(rotated.tampering(underA, EventHashes.hash(underA))).isNull();
        assertThat(rotated.tampering(underB, EventHashes.hash(underB))).isNull();
        assertThat(new EventMacs("b:" + KEY, "", null).tampering(underA, EventHashes.hash(underA)))
                .contains("names the event key id 'a', which this ledger does not hold")
                .doesNotContain(older).doesNotContain(KEY);
        StoredEvent relabelled = withMac(EVENT, underA.mac(), "b");
        assertThat(rotated.tampering(relabelled, EventHashes.hash(relabelled))).contains("does not match its MAC");
    }

    @Test
    void aMacStoredBeforeMacsNamedTheirKeyIsCheckedWithTheKeyGivenWithoutAnId(@TempDir Path dir) throws Exception {
        EventMacs original = new EventMacs(KEY, "", null);
        StoredEvent unnamed = withMac(EVENT, original.mac(EventHashes.hash(EVENT)), null);
        Path keys = dir.resolve("event-hmac.keys");
        Files.writeString(keys, "# retired 2026-12\n" + KEY + "\n\nold-1:" + "6a".repeat(32) + "  # before that\n");

        EventMacs rotated = new EventMacs("k2:" + "7b".repeat(32), "", "", keys.toString(), null);

        assertThat(original.currentKeyId()).isEqualTo("0");
        assertThat(rotated.tampering(unnamed, EventHashes.hash(unnamed))).isNull();
    }

    @Test
    void cannotStartWithOneIdNamingTwoKeysOrAMalformedIdAndTheMessageDoesNotQuoteTheKeys() {
        String other = "5e".repeat(32);
        assertThatThrownBy(() -> new EventMacs("a:" + KEY, "", "a:" + other, "", null))
                .hasMessageContaining("'a'").hasMessageContaining("two different keys")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain(other));
        assertThatThrownBy(() -> new EventMacs(KEY, "", "b:" + other + ",b/d:" + other, "", null))
                .hasMessageContaining("LEDGER_EVENT_HMAC_KEYS (entry 2)").hasMessageContaining("1 to 64 letters")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(other));
        assertThatThrownBy(() -> new EventMacs(KEY, "", "c:" + other.substring(4), "", null))
                .hasMessageContaining("LEDGER_EVENT_HMAC_KEYS (entry 1)").hasMessageContaining("at least 32 bytes");
        assertThat(new EventMacs("a:" + KEY, "", "a:" + KEY, "", null).currentKeyId()).isEqualTo("a");
    }

    private static StoredEvent withMac(StoredEvent e, byte[] mac, String keyId) {
        return new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateId(), e.sequenceNumber(), e.payloadType(),
                e.payloadRevision(), e.recordedAt(), e.payload(), mac, keyId);
    }

    private static StoredEvent withMac(StoredEvent e, byte[] mac) {
        return new StoredEvent(e.globalIndex(), e.eventId(), e.aggregateId(), e.sequenceNumber(), e.payloadType(),
                e.payloadRevision(), e.recordedAt(), e.payload(), mac);
    }
}
