package io.gpuledger.usage;

import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;
import java.time.Instant;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Signs usage reports as a meter or a tenant would, for tests of other packages and the benchmarks:
 * the ledger's own EIP-712 digest ({@link UsageSignatureVerifier#hash}), signed by web3j.
 */
public final class MeterSignatures {

    private MeterSignatures() {
    }

    /** The EIP-712 digest of a GPU-seconds report, times in whole seconds. */
    public static byte[] digest(UsageSigningDomain domain, String marketplaceId, String leaseId, String reportId,
                                Instant start, Instant end, long gpuSeconds) {
        return UsageSignatureVerifier.hash(domain, new SignedReport(marketplaceId, leaseId, reportId,
                start.getEpochSecond(), end.getEpochSecond(), gpuSeconds, 0));
    }

    /** The 65-byte signature as the API takes it: 0x, r, s, v (27 or 28). */
    public static String sign(ECKeyPair key, UsageSigningDomain domain, String marketplaceId, String leaseId,
                              String reportId, Instant start, Instant end, long gpuSeconds) {
        Sign.SignatureData signature = Sign.signMessage(
                digest(domain, marketplaceId, leaseId, reportId, start, end, gpuSeconds), key, false);
        return Numeric.toHexString(signature.getR()) + Numeric.toHexStringNoPrefix(signature.getS())
                + Numeric.toHexStringNoPrefix(signature.getV());
    }
}
