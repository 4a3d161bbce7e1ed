package io.gpuledger.settlement;

import io.gpuledger.settlement.api.Payout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * The two Merkle roots of an epoch, laid out as OpenZeppelin's StandardMerkleTree lays them out:
 * leaf = keccak256(keccak256(abi.encode(values))), leaves sorted by hash, pairs hashed sorted.
 * An epoch without payouts (or events) has the zero root.
 */
public final class EpochRoots {

    public static final String ZERO_ROOT = Numeric.toHexString(new byte[32]);

    private EpochRoots() {
    }

    public static String payoutRoot(List<Payout> payouts) {
        return payouts.isEmpty() ? ZERO_ROOT : Numeric.toHexString(tree(payoutLeaves(payouts))[0]);
    }

    public static String eventsRoot(List<byte[]> eventHashes) {
        return eventHashes.isEmpty() ? ZERO_ROOT : Numeric.toHexString(tree(eventLeaves(eventHashes))[0]);
    }

    public static List<String> payoutProof(List<Payout> payouts, int index) {
        return proof(payoutLeaves(payouts), index);
    }

    public static List<String> eventProof(List<byte[]> eventHashes, int index) {
        return proof(eventLeaves(eventHashes), index);
    }

    private static List<byte[]> eventLeaves(List<byte[]> eventHashes) {
        List<byte[]> leaves = new ArrayList<>(eventHashes.size());
        for (byte[] hash : eventHashes) {
            leaves.add(leaf(FunctionEncoder.encodeConstructor(List.of(new Bytes32(hash)))));
        }
        return leaves;
    }

    private static List<String> proof(List<byte[]> leaves, int index) {
        byte[] wanted = leaves.get(index);
        byte[][] tree = tree(leaves);
        int position = tree.length - 1;
        while (!Arrays.equals(tree[position], wanted)) {
            position--;
        }
        List<String> proof = new ArrayList<>();
        for (int i = position; i > 0; i = (i - 1) / 2) {
            proof.add(Numeric.toHexString(tree[i % 2 == 1 ? i + 1 : i - 1]));
        }
        return proof;
    }

    private static List<byte[]> payoutLeaves(List<Payout> payouts) {
        List<byte[]> leaves = new ArrayList<>(payouts.size());
        for (Payout payout : payouts) {
            leaves.add(leaf(FunctionEncoder.encodeConstructor(
                    List.of(new Address(payout.account()), new Uint256(payout.amountUnits())))));
        }
        return leaves;
    }

    private static byte[] leaf(String abiEncodedHex) {
        return Hash.sha3(Hash.sha3(Numeric.hexStringToByteArray(abiEncodedHex)));
    }

    /** The flat tree: leaves sorted by hash at the end, each parent i over children 2i+1 and 2i+2. */
    private static byte[][] tree(List<byte[]> leaves) {
        List<byte[]> sorted = new ArrayList<>(leaves);
        sorted.sort(Comparator.comparing(b -> b, Arrays::compareUnsigned));
        byte[][] tree = new byte[2 * sorted.size() - 1][];
        for (int i = 0; i < sorted.size(); i++) {
            tree[tree.length - 1 - i] = sorted.get(i);
        }
        for (int i = tree.length - 1 - sorted.size(); i >= 0; i--) {
            tree[i] = hashPair(tree[2 * i + 1], tree[2 * i + 2]);
        }
        return tree;
    }

    private static byte[] hashPair(byte[] a, byte[] b) {
        byte[] pair = new byte[64];
        boolean aFirst = Arrays.compareUnsigned(a, b) <= 0;
        System.arraycopy(aFirst ? a : b, 0, pair, 0, 32);
        System.arraycopy(aFirst ? b : a, 0, pair, 32, 32);
        return Hash.sha3(pair);
    }
}
