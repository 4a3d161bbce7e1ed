package io.gpuledger.usage;

import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;

/**
 * The signature check of a usage report two ways, for the benchmark in another package: as it was
 * (the digest from the typed data as JSON text, then web3j's key recovery) and as the ledger does it
 * ({@link SignedReports}: the digest from typed objects, then {@link KnownSigners}).
 */
public final class SignatureCheckPaths {

    private final KnownSigners signers = new KnownSigners(100_000, 1_000);

    /** The signer by recovery from the JSON-built digest. */
    public static String recoveredFromJson(UsageSigningDomain domain, String marketplaceId, String leaseId,
                                           String reportId, long start, long end, long gpuSeconds, String signature)
            throws RefusedSignature {
        byte[] digest = JsonTypedDataDigest.of(domain, new SignedReport(marketplaceId, leaseId, reportId, start, end,
                gpuSeconds, 0));
        return UsageSignatureVerifier.recover(digest, UsageSignatureVerifier.parse(signature)).address();
    }

    /** The signer as the ledger finds it, remembering the signers of the leases it saw. */
    public String signerOf(UsageSigningDomain domain, String marketplaceId, String leaseId, String reportId, long start,
                           long end, long gpuSeconds, String signature) throws RefusedSignature {
        byte[] digest = UsageSignatureVerifier.hash(domain, new SignedReport(marketplaceId, leaseId, reportId, start,
                end, gpuSeconds, 0));
        return signers.signerOf(marketplaceId + ' ' + leaseId + " meter", digest, UsageSignatureVerifier.parse(signature));
    }

    /** The signers of one batch's signatures as the batch route finds them: together first, then each alone. */
    public String[] signersOfBatch(UsageSigningDomain domain, String marketplaceId, String[] leaseIds, String[] reportIds,
                                   long[] starts, long[] ends, long[] gpuSeconds, String[] signatures)
            throws RefusedSignature {
        java.util.List<KnownSigners.Pending> pending = new java.util.ArrayList<>(signatures.length);
        for (int i = 0; i < signatures.length; i++) {
            byte[] digest = UsageSignatureVerifier.hash(domain, new SignedReport(marketplaceId, leaseIds[i], reportIds[i],
                    starts[i], ends[i], gpuSeconds[i], 0));
            pending.add(new KnownSigners.Pending(marketplaceId + ' ' + leaseIds[i] + " meter", digest,
                    UsageSignatureVerifier.parse(signatures[i])));
        }
        String[] found = signers.signersOfAll(pending);
        for (int i = 0; i < found.length; i++) {
            if (found[i] == null) {
                found[i] = signers.signerOf(pending.get(i).lease(), pending.get(i).digest(), pending.get(i).signature());
            }
        }
        return found;
    }

    /** Signatures recovered, not checked against a known key. */
    public long recoveries() {
        return signers.recoveries();
    }
}
