package io.gpuledger.eventstore;

import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * keccak-256 fed in pieces, with one digest per thread kept for reuse: web3j's Hash.sha3 builds a
 * new digest and its state for every hash, which the sealer does twice per event.
 */
final class Keccak256 {

    private static final ThreadLocal<Keccak256> PER_THREAD = ThreadLocal.withInitial(Keccak256::new);

    private final KeccakDigest digest = new KeccakDigest(256);

    private Keccak256() {
    }

    /** This thread's digest, empty. */
    static Keccak256 start() {
        Keccak256 keccak = PER_THREAD.get();
        keccak.digest.reset();
        return keccak;
    }

    void update(byte[] bytes, int offset, int length) {
        digest.update(bytes, offset, length);
    }

    /** The 32-byte hash of everything fed since start; the digest is empty again. */
    byte[] finish() {
        byte[] hash = new byte[32];
        digest.doFinal(hash, 0);
        return hash;
    }
}
