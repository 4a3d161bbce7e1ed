package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.USAGE_SIGNATURE_INVALID;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageSignatures;

/**
 * Whose signatures a lease's usage must carry: the meter's (required on every report) and the
 * tenant's (optional; a report it countersigns cannot be disputed). The signatures were recovered
 * to addresses before the lease was asked, so the lease compares addresses only.
 */
record UsageSigners(String meterSigner, String tenantSigner, long disputeWindowSeconds) {

    /** Why the report's signatures are not acceptable on a lease with these signers (null: no signers), or null. */
    static LedgerRejection check(UsageSigners signers, UsageReport report) {
        UsageSignatures signatures = report.signatures();
        if (signers == null) {
            return signatures == null ? null : invalid(signatures.signature() != null ? "signature" : "tenantSignature",
                    "the lease names no meterSigner: its usage is not signed");
        }
        if (signatures == null || signatures.signature() == null) {
            return invalid("signature", "a report on this lease must carry the meterSigner's signature");
        }
        if (!signers.meterSigner.equalsIgnoreCase(signatures.signedBy())) {
            return invalid("signature", "the signature is by " + signatures.signedBy() + ", not the lease's meterSigner "
                    + signers.meterSigner);
        }
        if (signatures.tenantSignature() == null) {
            return null;
        }
        if (signers.tenantSigner == null) {
            return invalid("tenantSignature", "the lease names no tenantSigner");
        }
        if (!signers.tenantSigner.equalsIgnoreCase(signatures.countersignedBy())) {
            return invalid("tenantSignature", "the tenantSignature is by " + signatures.countersignedBy()
                    + ", not the lease's tenantSigner " + signers.tenantSigner);
        }
        return null;
    }

    private static LedgerRejection invalid(String field, String message) {
        return new LedgerRejection(USAGE_SIGNATURE_INVALID, field, message);
    }
}
