package io.gpuledger.usage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.Signature;
import io.gpuledger.usage.UsageSignatureVerifier.Signer;
import io.gpuledger.usage.UsageSignatureVerifier.SignerKey;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Finds a signature's signer by checking it against the signer last found for the same lease and
 * role, and recovers it only when that check fails. Both caches are hints and never decide: a
 * signature is taken for the expected signer only when recovering it would give that signer
 * ({@link SignatureCheck#signedBy}), so an evicted, missing or wrong hint costs a recovery and
 * nothing else. Each signer's key is one {@link SignerKey} shared by all its leases: serialized once
 * for libsecp256k1, and one point instance, on which BouncyCastle keeps its precomputed multiples.
 */
final class KnownSigners {

    private final Cache<String, String> signerOfLease;
    private final Cache<String, SignerKey> keyOfSigner;
    private final SignatureCheck check;
    private final LongAdder recoveries = new LongAdder();

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
