package io.gpuledger.eventstore;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The canonical encoding of a stored event and its hash (docs/AUDIT.md), chosen so that anyone can
 * recompute it with public Ethereum tools from what PostgreSQL holds:
 *
 * <pre>
 * eventHash = keccak256(abi.encode(string eventId, string aggregateId, uint64 sequenceNumber,
 *                                  string payloadType, string recordedAt, bytes payload))
 * </pre>
 * where {@code payload} is the stored JSON bytes, unchanged, and {@code recordedAt} the stored
 * timestamp text. The ABI encoding is written by hand, straight into the digest when hashing: the
 * sealer hashes every event, closing an epoch every event it settles, and a generic ABI encoder
 * costs several times more.
 */
public final class EventHashes {

    private static final int WORD = 32;
    private static final int HEAD_WORDS = 6;
    private static final byte[] ZEROS = new byte[WORD];

    private EventHashes() {
    }

    /** keccak-256 of the canonical encoding, fed to the digest piece by piece rather than copied into one array first. */
    public static byte[] hash(StoredEvent event) {
        Keccak256 digest = Keccak256.start();
        encode(event.sequenceNumber(), dynamicParts(event), digest::update);
        return digest.finish();
    }

    public static byte[] canonicalEncoding(StoredEvent event) {
        byte[][] dynamic = dynamicParts(event);
        byte[] out = new byte[encodedLength(dynamic)];
        int[] written = {0};
        encode(event.sequenceNumber(), dynamic, (bytes, offset, length) -> {
            System.arraycopy(bytes, offset, out, written[0], length);
            written[0] += length;
        });
        return out;
    }

    private interface Sink {
        void write(byte[] bytes, int offset, int length);
    }

    /** abi.encode: six head words (the sequence number, or where each dynamic part starts), then each part's length and padded bytes. */
    private static void encode(long sequenceNumber, byte[][] dynamic, Sink out) {
        byte[] word = new byte[WORD];
        int tail = HEAD_WORDS * WORD;
        for (byte[] part : dynamic) {
            if (part == null) {
                out.write(word(word, sequenceNumber), 0, WORD);
            } else {
                out.write(word(word, tail), 0, WORD);
                tail += WORD + padded(part.length);
            }
        }
        for (byte[] part : dynamic) {
            if (part != null) {
                out.write(word(word, part.length), 0, WORD);
                out.write(part, 0, part.length);
                out.write(ZEROS, 0, padded(part.length) - part.length);
            }
        }
    }

    /** The dynamic parts in the order of the head; null in the place of the (static) sequence number. */
    private static byte[][] dynamicParts(StoredEvent event) {
        return new byte[][] {utf8(event.eventId()), utf8(event.aggregateId()), null,
                utf8(event.payloadType()), utf8(event.recordedAt()), event.payload()};
    }

    private static int encodedLength(byte[][] dynamic) {
        int size = HEAD_WORDS * WORD;
        for (byte[] part : dynamic) {
            if (part != null) {
                size += WORD + padded(part.length);
            }
        }
        return size;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int padded(int length) {
        return (length + WORD - 1) / WORD * WORD;
    }

    /** A non-negative value as a big-endian 32-byte word, in the given array. */
    private static byte[] word(byte[] word, long value) {
        Arrays.fill(word, (byte) 0);
        for (int i = 0; i < 8; i++) {
            word[WORD - 1 - i] = (byte) (value >>> (8 * i));
        }
        return word;
    }
}
