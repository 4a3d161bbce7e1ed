package io.gpuledger.audit;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/**
 * The canonical encoding of a stored event and its hash (docs/AUDIT.md), chosen so that anyone can
 * recompute it with public Ethereum tools from what PostgreSQL holds:
 *
 * <pre>
 * eventHash = keccak256(abi.encode(string eventId, string aggregateId, uint64 sequenceNumber,
 *                                  string payloadType, string recordedAt, bytes payload))
 * </pre>
 * where {@code payload} is the stored JSON bytes, unchanged, and {@code recordedAt} the stored
 * timestamp text. The ABI encoding is written directly into one array: closing an epoch hashes
 * every event it settles, and a generic ABI encoder costs several times more.
 */
public final class EventHashes {

    private static final int WORD = 32;
    private static final int HEAD_WORDS = 6;

    private EventHashes() {
    }

    public static byte[] hash(StoredEvent event) {
        return Hash.sha3(canonicalEncoding(event));
    }

    public static byte[] canonicalEncoding(StoredEvent event) {
        byte[][] dynamic = {
                utf8(event.eventId()), utf8(event.aggregateId()), null,
                utf8(event.payloadType()), utf8(event.recordedAt()), event.payload()};
        int size = HEAD_WORDS * WORD;
        for (byte[] part : dynamic) {
            if (part != null) {
                size += WORD + padded(part.length);
            }
        }
        byte[] out = new byte[size];
        int tail = HEAD_WORDS * WORD;
        for (int i = 0; i < HEAD_WORDS; i++) {
            if (dynamic[i] == null) {
                writeWord(out, i * WORD, event.sequenceNumber());
                continue;
            }
            writeWord(out, i * WORD, tail);
            writeWord(out, tail, dynamic[i].length);
            System.arraycopy(dynamic[i], 0, out, tail + WORD, dynamic[i].length);
            tail += WORD + padded(dynamic[i].length);
        }
        return out;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static int padded(int length) {
        return (length + WORD - 1) / WORD * WORD;
    }

    /** A non-negative value as a big-endian 32-byte word. */
    private static void writeWord(byte[] out, int offset, long value) {
        for (int i = 0; i < 8; i++) {
            out[offset + WORD - 1 - i] = (byte) (value >>> (8 * i));
        }
    }
}
