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
 * Recovers the signers of a report's signatures before its lease is asked: one secp256k1 recovery
 * per signature, pure CPU, done before the request takes any lock. The lease then only compares the
 * recovered addresses with its own signers (docs/ARCHITECTURE.md, "Signed usage").
 */
@Component
class SignedReports {

    private final ChainGateway chain;

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
        if (report.periodStart().getNano() != 0 || report.periodEnd().getNano() != 0) {
            throw new LedgerRejection(RejectionCode.USAGE_SIGNATURE_INVALID, prefix + "periodStart",
                    "a signed report's period starts and ends on whole seconds: it is signed in Unix seconds");
        }
        UsageSigningDomain domain = chain.usageSigningDomain();
        SignedReport signed = new SignedReport(marketplaceId, leaseId, report.reportId(),
                report.periodStart().getEpochSecond(), report.periodEnd().getEpochSecond(), report.gpuSeconds(),
                report.reportsEnergy() ? report.energyWh() : 0);
        String signedBy = signerOf(domain, signed, sent.signature(), prefix + "signature");
        String countersignedBy = signerOf(domain, signed, sent.tenantSignature(), prefix + "tenantSignature");
        return report.withSignatures(
                new UsageSignatures(sent.signature(), signedBy, sent.tenantSignature(), countersignedBy));
    }

    private static String signerOf(UsageSigningDomain domain, SignedReport report, String signature, String field) {
        if (signature == null) {
            return null;
        }
        try {
            return UsageSignatureVerifier.recoverSigner(domain, report, signature);
        } catch (RefusedSignature e) {
            throw new LedgerRejection(RejectionCode.USAGE_SIGNATURE_INVALID, field, field + " " + e.getMessage());
        }
    }
}
