package io.gpuledger.usage;

import io.gpuledger.chain.ChainGateway;
import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageSignatures;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;
import org.springframework.stereotype.Component;

/**
 * Finds the signers of a report's signatures before its lease is asked and before the request's
 * transaction: pure CPU, a check against the signer last found for the lease, or a secp256k1
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
        UsageSignatures sent = report.signatures();
        if (sent == null) {
            return report;
        }
        if (!wholeSeconds(report)) {
            throw new LedgerRejection(RejectionCode.USAGE_SIGNATURE_INVALID, prefix + "periodStart",
                    "a signed report's period starts and ends on whole seconds: it is signed in Unix seconds");
        }
        UsageSigningDomain domain = chain.usageSigningDomain();
        byte[] digest = UsageSignatureVerifier.hash(domain, signedReport(marketplaceId, leaseId, report));
        String lease = marketplaceId + ' ' + leaseId;
        String signedBy = signerOf(lease + " meter", digest, sent.signature(), prefix + "signature");
        String countersignedBy = signerOf(lease + " tenant", digest, sent.tenantSignature(), prefix + "tenantSignature");
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
