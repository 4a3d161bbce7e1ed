package io.gpuledger.usage;

import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageSignatures;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;
import io.gpuledger.usage.UsageRequests.BatchEntry;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Finds the signers of a report's signatures before its lease is asked and before the request's
 * transaction: pure CPU, an ECDSA check against the signer last found for the lease, or a secp256k1
 * recovery when there is none or the check fails ({@link KnownSigners}). The lease then only compares
 * the addresses with its own signers (docs/ARCHITECTURE.md, "Signed usage").
 */
@Component
class SignedReports {

    /** Leases whose last signer is remembered (two entries each when countersigned), and signers' keys. */
    private static final long LEASES = 100_000;
    private static final long SIGNERS = 1_000;

    private final ChainGateway chain;
    private final KnownSigners signers = new KnownSigners(LEASES, SIGNERS);

    SignedReports(ChainGateway chain) {
        this.chain = chain;
    }

    /**
     * The report with the addresses its signatures recover to; unchanged when it carries none.
     *
     * @throws LedgerRejection USAGE_SIGNATURE_INVALID naming the signature at fault (a field of
     *                         {@code prefix}), or CHAIN_NOT_CONFIGURED when the ledger knows no domain
     */
    UsageReport recover(String marketplaceId, String leaseId, UsageReport report, String prefix) {
        return recover(marketplaceId, leaseId, report, prefix, null);
    }

    /** What {@link #checkTogether} found of a report: its digest and the signers it vouches for (null: none). */
    record Prechecked(byte[] digest, String signedBy, String countersignedBy) {
    }

    /**
     * For each entry of a batch, its digest and the signers its signatures were found to be by when
     * checked together with the batch's other signatures by the same signers
     * ({@link KnownSigners#signersOfAll}); null for an entry with nothing to check. Refuses nothing:
     * {@link #recover} still decides each entry, in the same order of checks, taking a vouched
     * signer where recovery would have found the same one.
     */
    Prechecked[] checkTogether(String marketplaceId, List<BatchEntry> entries) {
        Prechecked[] prechecked = new Prechecked[entries.size()];
        UsageSigningDomain domain = null;
        List<KnownSigners.Pending> pending = new ArrayList<>();
        List<int[]> owners = new ArrayList<>();
        byte[][] digests = new byte[entries.size()][];
        for (int i = 0; i < entries.size(); i++) {
            UsageReport report = entries.get(i).report();
            UsageSignatures sent = report.signatures();
            if (sent == null || !wholeSeconds(report)) {
                continue;
            }
            if (domain == null) {
                try {
                    domain = chain.usageSigningDomain();
                } catch (RuntimeException notConfigured) {
                    return prechecked;
                }
            }
            digests[i] = UsageSignatureVerifier.hash(domain, signedReport(marketplaceId, entries.get(i).leaseId(), report));
            String lease = marketplaceId + ' ' + entries.get(i).leaseId();
            addPending(pending, owners, lease + " meter", digests[i], sent.signature(), i, 0);
            addPending(pending, owners, lease + " tenant", digests[i], sent.tenantSignature(), i, 1);
        }
        String[] found = signers.signersOfAll(pending);
        String[][] byEntry = new String[entries.size()][2];
        for (int k = 0; k < found.length; k++) {
            byEntry[owners.get(k)[0]][owners.get(k)[1]] = found[k];
        }
        for (int i = 0; i < entries.size(); i++) {
            if (digests[i] != null) {
                prechecked[i] = new Prechecked(digests[i], byEntry[i][0], byEntry[i][1]);
            }
        }
        return prechecked;
    }

    private static void addPending(List<KnownSigners.Pending> pending, List<int[]> owners, String lease, byte[] digest,
                                   String signature, int entry, int role) {
        if (signature == null) {
            return;
        }
        try {
            pending.add(new KnownSigners.Pending(lease, digest, UsageSignatureVerifier.parse(signature)));
            owners.add(new int[] {entry, role});
        } catch (RefusedSignature refused) {
            // Refused when the entry is decided alone.
        }
    }

    /** As {@link #recover(String, String, UsageReport, String)}, taking what {@code prechecked} (or null) found. */
    UsageReport recover(String marketplaceId, String leaseId, UsageReport report, String prefix, Prechecked prechecked) {
        UsageSignatures sent = report.signatures();
        if (sent == null) {
            return report;
        }
        if (!wholeSeconds(report)) {
            throw new LedgerRejection(RejectionCode.USAGE_SIGNATURE_INVALID, prefix + "periodStart",
                    "a signed report's period starts and ends on whole seconds: it is signed in Unix seconds");
        }
        UsageSigningDomain domain = chain.usageSigningDomain();
        byte[] digest = prechecked != null ? prechecked.digest()
                : UsageSignatureVerifier.hash(domain, signedReport(marketplaceId, leaseId, report));
        String lease = marketplaceId + ' ' + leaseId;
        String signedBy = prechecked != null && prechecked.signedBy() != null ? prechecked.signedBy()
                : signerOf(lease + " meter", digest, sent.signature(), prefix + "signature");
        String countersignedBy = prechecked != null && prechecked.countersignedBy() != null
                ? prechecked.countersignedBy()
                : signerOf(lease + " tenant", digest, sent.tenantSignature(), prefix + "tenantSignature");
        return report.withSignatures(
                new UsageSignatures(sent.signature(), signedBy, sent.tenantSignature(), countersignedBy));
    }

    private static boolean wholeSeconds(UsageReport report) {
        return report.periodStart().getNano() == 0 && report.periodEnd().getNano() == 0;
    }

    private static SignedReport signedReport(String marketplaceId, String leaseId, UsageReport report) {
        return new SignedReport(marketplaceId, leaseId, report.reportId(), report.periodStart().getEpochSecond(),
                report.periodEnd().getEpochSecond(), report.gpuSeconds(), report.reportsEnergy() ? report.energyWh() : 0);
    }

    private String signerOf(String lease, byte[] digest, String signature, String field) {
        if (signature == null) {
            return null;
        }
        try {
            return signers.signerOf(lease, digest, UsageSignatureVerifier.parse(signature));
        } catch (RefusedSignature e) {
            throw new LedgerRejection(RejectionCode.USAGE_SIGNATURE_INVALID, field, field + " " + e.getMessage());
        }
    }
}
