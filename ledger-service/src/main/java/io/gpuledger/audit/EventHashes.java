package io.gpuledger.audit;

import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The canonical encoding of a stored event and its hash (docs/AUDIT.md), chosen so that anyone can
 * recompute it with public Ethereum tools from what PostgreSQL holds:
 *
 * <pre>
 * eventHash = keccak256(abi.encode(string eventId, string aggregateId, uint64 sequenceNumber,
 *                                  string payloadType, string recordedAt, bytes payload))
 * </pre>
 * where {@code payload} is the stored JSON bytes, unchanged, and {@code recordedAt} the stored timestamp text.
 */
public final class EventHashes {

    private EventHashes() {
    }

    public static byte[] canonicalEncoding(StoredEvent event) {
        String encoded = FunctionEncoder.encodeConstructor(List.of(
                new Utf8String(event.eventId()),
                new Utf8String(event.aggregateId()),
                new Uint64(event.sequenceNumber()),
                new Utf8String(event.payloadType()),
                new Utf8String(event.recordedAt()),
                new DynamicBytes(event.payload())));
        return Numeric.hexStringToByteArray(encoded);
    }

    public static byte[] hash(StoredEvent event) {
        return Hash.sha3(canonicalEncoding(event));
    }
}
