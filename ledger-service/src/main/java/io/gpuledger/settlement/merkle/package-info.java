/**
 * OpenZeppelin's {@code StandardMerkleTree} in Java: the payout tree whose root the
 * PayoutDistributor contract verifies claims against, and the events tree anchored next to it.
 * Built to give the same root, leaf order and proofs as {@code @openzeppelin/merkle-tree} 1.0.8,
 * so anyone can check them with that library or with {@code MerkleProof.verify} on-chain.
 */
package io.gpuledger.settlement.merkle;
