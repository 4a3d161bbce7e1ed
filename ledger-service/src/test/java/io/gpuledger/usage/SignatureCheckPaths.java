package io.gpuledger.usage;

import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;

/**
 * The signature check of a usage report several ways, for the benchmark in another package: as it was
 * (the digest from the typed data as JSON text, then web3j's key recovery) and as the ledger does it
 * ({@link SignedReports}: the digest from typed objects, then {@link KnownSigners}), with
 * libsecp256k1's or BouncyCastle's arithmetic.
 */
public final class SignatureCheckPaths {

    private final KnownSigners signers;

    /** The ledger's way with {@code library}'s arithmetic. */
    public SignatureCheckPaths(Library library) {
        this.signers = new KnownSigners(100_000, 1_000, null, library.check());
    }

    /** Whose arithmetic. */
    public enum Library {
        BOUNCY_CASTLE, LIBSECP256K1;

        SignatureCheck check() {
            if (this == BOUNCY_CASTLE) {
                return BouncyCastleSignatureCheck.INSTANCE;
            }
            SignatureCheck check = Secp256k1SignatureCheck.loadOr(BouncyCastleSignatureCheck.INSTANCE);
            if (!(check instanceof Secp256k1SignatureCheck)) {
                throw new IllegalStateException("libsecp256k1 does not load here");
            }
            return check;
        }
    }

    /** Whether the library this JVM's ledger would use is libsecp256k1. */
    public static boolean nativeInUse() {
        return UsageSignatureVerifier.CHECK instanceof Secp256k1SignatureCheck;
    }

    /** The signer by recovery from the JSON-built digest. */
    public static String recoveredFromJson(UsageSigningDomain domain, String marketplaceId, String leaseId,
                                           String reportId, long start, long end, long gpuSeconds, String signature)
            throws RefusedSignature {
        byte[] digest = JsonTypedDataDigest.of(domain, new SignedReport(marketplaceId, leaseId, reportId, start, end,
                gpuSeconds, 0));
        return BouncyCastleSignatureCheck.INSTANCE.recover(digest, UsageSignatureVerifier.parse(signature)).address();
    }

    /** The signer as the ledger finds it, remembering the signers of the leases it saw. */
    public String signerOf(UsageSigningDomain domain, String marketplaceId, String leaseId, String reportId, long start,
                           long end, long gpuSeconds, String signature) throws RefusedSignature {
        byte[] digest = UsageSignatureVerifier.hash(domain, new SignedReport(marketplaceId, leaseId, reportId, start,
                end, gpuSeconds, 0));
        return signers.signerOf(marketplaceId + ' ' + leaseId + " meter", digest, UsageSignatureVerifier.parse(signature));
    }

    /**
     * Only libsecp256k1's ECDSA verification against {@code meterKey} (uncompressed), which ignores v:
     * not a check the ledger could use, the floor under any check built on it.
     */
    public static boolean verifiedIgnoringV(UsageSigningDomain domain, String marketplaceId, String leaseId,
                                            String reportId, long start, long end, long gpuSeconds, String signature,
                                            byte[] meterKey) throws RefusedSignature {
        byte[] digest = UsageSignatureVerifier.hash(domain, new SignedReport(marketplaceId, leaseId, reportId, start,
                end, gpuSeconds, 0));
        return fr.acinq.secp256k1.Secp256k1.get().verify(UsageSignatureVerifier.parse(signature).compact(), digest,
                meterKey);
    }

    /** Signatures recovered, not checked against a known key. */
    public long recoveries() {
        return signers.recoveries();
    }
}
