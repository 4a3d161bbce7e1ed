package io.gpuledger.settlement.merkle;

import io.gpuledger.settlement.api.Payout;
import java.util.List;
import org.web3j.utils.Numeric;

/**
 * The two Merkle roots of an epoch (docs/AUDIT.md): payouts as ["address", "uint256"] leaves and
 * event hashes as ["bytes32"] leaves of OpenZeppelin's StandardMerkleTree. An epoch without
 * payouts (or events) has the zero root.
 */
public final class EpochRoots {

    public static final String ZERO_ROOT = Numeric.toHexString(new byte[32]);

    private EpochRoots() {
    }

    public static String payoutRoot(List<Payout> payouts) {
        return payouts.isEmpty() ? ZERO_ROOT : payoutTree(payouts).rootHex();
    }

    public static String eventsRoot(List<byte[]> eventHashes) {
        return eventHashes.isEmpty() ? ZERO_ROOT : eventsTree(eventHashes).rootHex();
    }

    public static List<String> payoutProof(List<Payout> payouts, int index) {
        return payoutTree(payouts).proofHex(index);
    }

    public static List<String> eventProof(List<byte[]> eventHashes, int index) {
        return eventsTree(eventHashes).proofHex(index);
    }

    private static StandardMerkleTree payoutTree(List<Payout> payouts) {
        return StandardMerkleTree.of(payouts.stream().map(p -> List.of(p.account(), p.amountUnits())).toList(),
                LeafEncoding.ADDRESS_UINT256);
    }

    /** A bytes32 leaf's ABI encoding is the value itself, so its leaf hash is keccak(keccak(hash)). */
    private static StandardMerkleTree eventsTree(List<byte[]> eventHashes) {
        byte[] leaves = new byte[eventHashes.size() * 32];
        for (int i = 0; i < eventHashes.size(); i++) {
            System.arraycopy(MerkleHashes.leafHash(eventHashes.get(i)), 0, leaves, i * 32, 32);
        }
        return StandardMerkleTree.ofLeafHashes(leaves, LeafEncoding.BYTES32);
    }
}
