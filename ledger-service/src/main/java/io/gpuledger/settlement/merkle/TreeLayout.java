package io.gpuledger.settlement.merkle;

import static io.gpuledger.settlement.merkle.MerkleHashes.NODE_BYTES;

import java.util.Arrays;

/** The library's leaf order: value indices sorted by leaf hash, equal hashes in input order. */
final class TreeLayout {

    private TreeLayout() {
    }

    /**
     * Compares the first 8 bytes of two hashes as one unsigned long, which orders almost every
     * pair without reading the rest; equal prefixes fall back to the full hashes, and equal
     * hashes (duplicate leaves) to their input order, as the library's stable sort leaves them.
     */
    static int[] sortByHash(byte[] leafHashes, int leafCount) {
        long[] prefixes = new long[leafCount];
        for (int i = 0; i < leafCount; i++) {
            prefixes[i] = prefix(leafHashes, i);
        }
        Integer[] order = new Integer[leafCount];
        for (int i = 0; i < leafCount; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int byPrefix = Long.compareUnsigned(prefixes[a], prefixes[b]);
            if (byPrefix != 0) {
                return byPrefix;
            }
            int byHash = MerkleHashes.compare(leafHashes, a * NODE_BYTES, leafHashes, b * NODE_BYTES);
            return byHash != 0 ? byHash : Integer.compare(a, b);
        });
        int[] sorted = new int[leafCount];
        for (int i = 0; i < leafCount; i++) {
            sorted[i] = order[i];
        }
        return sorted;
    }

    private static long prefix(byte[] hashes, int index) {
        long value = 0;
        int offset = index * NODE_BYTES;
        for (int k = 0; k < 8; k++) {
            value = (value << 8) | (hashes[offset + k] & 0xFF);
        }
        return value;
    }
}
