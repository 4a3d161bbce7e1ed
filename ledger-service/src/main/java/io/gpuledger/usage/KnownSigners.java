package io.gpuledger.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.Signature;
import io.gpuledger.usage.UsageSignatureVerifier.Signer;
import io.gpuledger.usage.UsageSignatureVerifier.SignerKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds a signature's signer by checking it against the signer last found for the same lease and
 * role, and recovers it only when that check fails. Both caches are hints and never decide: a
 * signature is taken for the expected signer only when recovering it would give that signer
 * ({@link SignatureCheck#signedBy}; for a batch checked together, except with a chance of
 * at most 2^-128, {@link #signersOfAll}), so an evicted, missing or wrong hint costs a recovery and
 * nothing else. Each signer's key is one {@link SignerKey} shared by all its leases: serialized once
 * for libsecp256k1, and one point instance, on which BouncyCastle keeps its precomputed multiples.
 */
final class KnownSigners {

    private final Cache<String, String> signerOfLease;
    private final Cache<String, SignerKey> keyOfSigner;
    private final SignatureCheck check;
    private final LongAdder recoveries = new LongAdder();
    private final SecureRandom random = new SecureRandom();

    KnownSigners(long leases, long signers) {
        this(leases, signers, null);
    }

    /** {@code executor} runs the caches' upkeep (evictions); null for Caffeine's default. */
    KnownSigners(long leases, long signers, Executor executor) {
        this(leases, signers, executor, UsageSignatureVerifier.CHECK);
    }

    /** As {@link #KnownSigners(long, long, Executor)}, with {@code check}'s arithmetic. */
    KnownSigners(long leases, long signers, Executor executor, SignatureCheck check) {
        this.signerOfLease = builder(leases, executor).build();
        this.keyOfSigner = builder(signers, executor).build();
        this.check = check;
    }

    /**
     * The EIP-55 address whose key made {@code signature} over {@code digest}.
     *
     * @param lease the lease and the signer's role on it (meter or tenant), within its marketplace
     */
    String signerOf(String lease, byte[] digest, Signature signature) throws RefusedSignature {
        String expected = signerOfLease.getIfPresent(lease);
        SignerKey key = expected == null ? null : keyOfSigner.getIfPresent(expected);
        if (key != null && check.signedBy(key, digest, signature)) {
            return expected;
        }
        recoveries.increment();
        Signer signer = check.recover(digest, signature);
        if (signer.key() != null) {
            keyOfSigner.asMap().putIfAbsent(signer.address(), signer.key());
            signerOfLease.put(lease, signer.address());
        }
        return signer.address();
    }

    /** A signature to find the signer of among others: its lease and role as {@link #signerOf} takes them. */
    record Pending(String lease, byte[] digest, Signature signature) {
    }

    /**
     * For each pending signature, its lease's last signer when the pending signatures of all leases
     * that signer signed last pass one check together ({@link BouncyCastleSignatureCheck#allSignedBy}),
     * else null: then {@link #signerOf} decides it alone. A batch of reports from one meter costs one
     * multi-scalar multiplication instead of one double multiplication each.
     */
    String[] signersOfAll(List<Pending> pending) {
        String[] found = new String[pending.size()];
        Map<String, List<Integer>> bySigner = new HashMap<>();
        for (int i = 0; i < pending.size(); i++) {
            String expected = signerOfLease.getIfPresent(pending.get(i).lease());
            if (expected != null) {
                bySigner.computeIfAbsent(expected, k -> new ArrayList<>()).add(i);
            }
        }
        bySigner.forEach((signer, indexes) -> {
            SignerKey key = keyOfSigner.getIfPresent(signer);
            if (key == null || indexes.size() < 2) {
                return;
            }
            List<byte[]> digests = new ArrayList<>(indexes.size());
            List<Signature> signatures = new ArrayList<>(indexes.size());
            for (int i : indexes) {
                digests.add(pending.get(i).digest());
                signatures.add(pending.get(i).signature());
            }
            if (BouncyCastleSignatureCheck.allSignedBy(key.point(), digests, signatures, random)) {
                indexes.forEach(i -> found[i] = signer);
            }
        });
        return found;
    }

    /** How many signatures were recovered since the start, not checked against a known key. */
    long recoveries() {
        return recoveries.sum();
    }

    /** How many signers' keys are held now (after pending evictions). */
    long keysHeld() {
        keyOfSigner.cleanUp();
        return keyOfSigner.estimatedSize();
    }

    private static Caffeine<Object, Object> builder(long maximumSize, Executor executor) {
        Caffeine<Object, Object> builder = Caffeine.newBuilder().maximumSize(maximumSize);
        return executor == null ? builder : builder.executor(executor);
    }
}
