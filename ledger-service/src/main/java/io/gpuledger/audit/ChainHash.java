package io.gpuledger.audit;

import org.web3j.crypto.Hash;

/** The link of the event chain: chain_n = keccak256(chain_{n-1} || eventHash_n), from 32 zero bytes. */
public final class ChainHash {

    public static final byte[] START = new byte[32];

    private ChainHash() {
    }

    public static byte[] next(byte[] previous, byte[] eventHash) {
        byte[] pair = new byte[64];
        System.arraycopy(previous, 0, pair, 0, 32);
        System.arraycopy(eventHash, 0, pair, 32, 32);
        return Hash.sha3(pair);
    }
}
