package io.gpuledger.settlement.merkle;

import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;

/** The two hashes of a standard tree and proof processing, over 32-byte nodes. */
public final class MerkleHashes {

    public static final int NODE_BYTES = 32;

    private MerkleHashes() {
    }

    /** keccak256(keccak256(encoded)): hashing twice keeps a leaf from passing as an inner node. */
    public static byte[] leafHash(byte[] abiEncodedValues) {
        return Hash.sha3(Hash.sha3(abiEncodedValues));
    }

    /** keccak256 of the two nodes, the smaller first, so a proof need not say left or right. */
    public static byte[] nodeHash(byte[] a, byte[] b) {
        byte[] pair = new byte[2 * NODE_BYTES];
        writeSortedPair(a, 0, b, 0, pair);
        return Hash.sha3(pair);
    }

    /** Folds a proof onto a leaf, as OpenZeppelin's {@code processProof} does. */
    public static byte[] processProof(byte[] leaf, List<byte[]> proof) {
        byte[] node = leaf;
        for (byte[] sibling : proof) {
            node = nodeHash(node, sibling);
        }
        return node;
    }

    /** Unsigned lexicographic order of two nodes held at offsets in arrays. */
    static int compare(byte[] a, int aOffset, byte[] b, int bOffset) {
        return Arrays.compareUnsigned(a, aOffset, aOffset + NODE_BYTES, b, bOffset, bOffset + NODE_BYTES);
    }

    static void writeSortedPair(byte[] a, int aOffset, byte[] b, int bOffset, byte[] pair) {
        boolean aFirst = compare(a, aOffset, b, bOffset) <= 0;
        System.arraycopy(aFirst ? a : b, aFirst ? aOffset : bOffset, pair, 0, NODE_BYTES);
        System.arraycopy(aFirst ? b : a, aFirst ? bOffset : aOffset, pair, NODE_BYTES, NODE_BYTES);
    }
}
