package io.gpuledger.eventstore;

/** The link of the event chain: chain_n = keccak256(chain_{n-1} || eventHash_n), from 32 zero bytes. */
public final class ChainHash {

    public static final byte[] START = new byte[32];

    private ChainHash() {
    }

    public static byte[] next(byte[] previous, byte[] eventHash) {
        Keccak256 digest = Keccak256.start();
        digest.update(previous, 0, 32);
        digest.update(eventHash, 0, 32);
        return digest.finish();
    }
}
