package io.gpuledger.settlement.merkle;

import static io.gpuledger.settlement.merkle.MerkleHashes.NODE_BYTES;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * OpenZeppelin's {@code StandardMerkleTree} ({@code @openzeppelin/merkle-tree} 1.0.8): leaves are
 * the double keccak of their ABI-encoded values, sorted by hash (a stable sort, so equal leaves keep
 * their input order), laid out as a complete binary tree in one array with the root at 0, the
 * children of node i at 2i+1 and 2i+2, and the smallest leaf at the end. Inner nodes hash their
 * children in sorted order. Nodes live in one byte array, 32 bytes each, so a tree of a million
 * leaves is two million slices of one array rather than two million objects.
 */
public final class StandardMerkleTree {

    private final LeafEncoding encoding;
    private final byte[] nodes;
    private final int[] treeIndexOfValue;

    private StandardMerkleTree(LeafEncoding encoding, byte[] nodes, int[] treeIndexOfValue) {
        this.encoding = encoding;
        this.nodes = nodes;
        this.treeIndexOfValue = treeIndexOfValue;
    }

    /** Builds the tree of {@code values}, each a list of values matching {@code encoding}. */
    public static StandardMerkleTree of(List<? extends List<?>> values, LeafEncoding encoding) {
        byte[] leafHashes = new byte[values.size() * NODE_BYTES];
        for (int i = 0; i < values.size(); i++) {
            System.arraycopy(encoding.leafHash(values.get(i)), 0, leafHashes, i * NODE_BYTES, NODE_BYTES);
        }
        return ofLeafHashes(leafHashes, encoding);
    }

    /**
     * Builds the tree from leaf hashes already computed with {@link LeafEncoding#leafHash}, 32 bytes
     * each in value order; for callers that hash their leaves as they stream them.
     */
    public static StandardMerkleTree ofLeafHashes(byte[] leafHashes, LeafEncoding encoding) {
        if (leafHashes.length == 0 || leafHashes.length % NODE_BYTES != 0) {
            throw new IllegalArgumentException("a tree needs at least one leaf of 32 bytes");
        }
        int leafCount = leafHashes.length / NODE_BYTES;
        int[] sortedValues = TreeLayout.sortByHash(leafHashes, leafCount);
        byte[] nodes = new byte[(2 * leafCount - 1) * NODE_BYTES];
        int[] treeIndexOfValue = new int[leafCount];
        int lastNode = 2 * leafCount - 2;
        for (int position = 0; position < leafCount; position++) {
            int valueIndex = sortedValues[position];
            int treeIndex = lastNode - position;
            System.arraycopy(leafHashes, valueIndex * NODE_BYTES, nodes, treeIndex * NODE_BYTES, NODE_BYTES);
            treeIndexOfValue[valueIndex] = treeIndex;
        }
        byte[] pair = new byte[2 * NODE_BYTES];
        for (int i = lastNode - leafCount; i >= 0; i--) {
            MerkleHashes.writeSortedPair(nodes, (2 * i + 1) * NODE_BYTES, nodes, (2 * i + 2) * NODE_BYTES, pair);
            System.arraycopy(Hash.sha3(pair), 0, nodes, i * NODE_BYTES, NODE_BYTES);
        }
        return new StandardMerkleTree(encoding, nodes, treeIndexOfValue);
    }

    /** Whether {@code proof} proves the leaf of {@code values} under {@code root}. */
    public static boolean verify(byte[] root, LeafEncoding encoding, List<?> values, List<byte[]> proof) {
        return Arrays.equals(root, MerkleHashes.processProof(encoding.leafHash(values), proof));
    }

    public LeafEncoding encoding() {
        return encoding;
    }

    /** Number of leaves, one per value given. */
    public int size() {
        return treeIndexOfValue.length;
    }

    public byte[] root() {
        return node(0);
    }

    public String rootHex() {
        return Numeric.toHexString(root());
    }

    /** Hash of the leaf of the value at {@code valueIndex} (its index in the input). */
    public byte[] leafHash(int valueIndex) {
        return node(treeIndex(valueIndex));
    }

    /** Position of that leaf in the tree's array, as in the library's dump. */
    public int treeIndex(int valueIndex) {
        return treeIndexOfValue[valueIndex];
    }

    /** Proof of the value at {@code valueIndex}: its siblings from the leaf up to the root. */
    public List<byte[]> proof(int valueIndex) {
        List<byte[]> proof = new ArrayList<>();
        for (int i = treeIndex(valueIndex); i > 0; i = (i - 1) / 2) {
            proof.add(node(i % 2 == 1 ? i + 1 : i - 1));
        }
        return proof;
    }

    public List<String> proofHex(int valueIndex) {
        return proof(valueIndex).stream().map(Numeric::toHexString).toList();
    }

    /** Whether {@code proof} proves {@code values} under this tree's root. */
    public boolean verify(List<?> values, List<byte[]> proof) {
        return verify(root(), encoding, values, proof);
    }

    private byte[] node(int treeIndex) {
        return Arrays.copyOfRange(nodes, treeIndex * NODE_BYTES, (treeIndex + 1) * NODE_BYTES);
    }
}
