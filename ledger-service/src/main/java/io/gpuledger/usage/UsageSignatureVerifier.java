package io.gpuledger.usage;

import io.gpuledger.chain.UsageSigningDomain;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Who signed a usage report: the EIP-712 digest of the report under the ledger's domain
 * ({@link UsageReportDigest}), then the key, either recovered from the signature or, when the signer
 * is expected, checked against that signer's known key ({@link #signedBy}). The arithmetic is
 * libsecp256k1's where its native library loads, else BouncyCastle's ({@link SignatureCheck}).
 * Refuses what Ethereum refuses: a signature that is not 65 bytes, a {@code v} other than 27/28
 * (0/1 are read as 27/28), and a high {@code s}, the malleable twin of a valid signature, so each
 * report has one signature per signer.
 */
final class UsageSignatureVerifier {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_CURVE_ORDER = N.shiftRight(1);
    private static final ECCurve CURVE = Sign.CURVE_PARAMS.getCurve();
    private static final Pattern SIGNATURE_HEX = Pattern.compile("0x[0-9a-fA-F]{130}");

    /** The check this JVM uses: libsecp256k1's, or BouncyCastle's where the native library does not load. */
    static final SignatureCheck CHECK = Secp256k1SignatureCheck.loadOr(BouncyCastleSignatureCheck.INSTANCE);

    /** What is signed: the report's fields, times in Unix seconds. */
    record SignedReport(String marketplaceId, String leaseId, String reportId, long periodStart, long periodEnd,
                        long gpuSeconds, long energyWh) {
    }

    /** A signature whose form is acceptable: r and s as numbers, and the recovery id (v − 27). */
    record Signature(BigInteger r, BigInteger s, int recoveryId, Sign.SignatureData data) {

        /** r ‖ s, 64 bytes. */
        byte[] compact() {
            byte[] compact = Arrays.copyOf(data.getR(), 64);
            System.arraycopy(data.getS(), 0, compact, 32, 32);
            return compact;
        }
    }

    /** The signer a signature recovers to: its EIP-55 address and its public key (null for none). */
    record Signer(String address, SignerKey key) {
    }

    /**
     * A signer's public key as each library takes it, made once per signer: 65 bytes uncompressed
     * (0x04 ‖ x ‖ y) for libsecp256k1, and a point of web3j's curve, on which BouncyCastle keeps its
     * precomputed multiples.
     */
    record SignerKey(byte[] uncompressed, ECPoint point) {

        static SignerKey of(ECPoint point) {
            return new SignerKey(point.normalize().getEncoded(false), point);
        }

        /** The key of 65 bytes uncompressed, or null when they are no point of the curve. */
        static SignerKey of(byte[] uncompressed) {
            try {
                return new SignerKey(uncompressed.clone(), CURVE.decodePoint(uncompressed));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A signature that cannot be any signer's. */
    static final class RefusedSignature extends Exception {
        RefusedSignature(String message) {
            super(message);
        }
    }

    private UsageSignatureVerifier() {
    }

    /** The EIP-55 address whose key made {@code signatureHex} over {@code report} in {@code domain}. */
    static String recoverSigner(UsageSigningDomain domain, SignedReport report, String signatureHex)
            throws RefusedSignature {
        return recover(hash(domain, report), parse(signatureHex)).address();
    }

    /** The EIP-712 digest: keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(report)). */
    static byte[] hash(UsageSigningDomain domain, SignedReport report) {
        return UsageReportDigest.of(domain, report);
    }

    /** The signer whose key made {@code signature} over {@code digest}, by public-key recovery. */
    static Signer recover(byte[] digest, Signature signature) throws RefusedSignature {
        return CHECK.recover(digest, signature);
    }

    /**
     * Whether recovering {@code signature} over {@code digest} would give {@code key}, without
     * taking a signature whose {@code v} names the other of the two keys it is valid for as this
     * key's ({@link SignatureCheck#signedBy}).
     */
    static boolean signedBy(SignerKey key, byte[] digest, Signature signature) {
        return CHECK.signedBy(key, digest, signature);
    }

    static Signature parse(String hex) throws RefusedSignature {
        if (hex == null || !SIGNATURE_HEX.matcher(hex).matches()) {
            throw new RefusedSignature("must be 65 bytes as 0x and 130 hex digits");
        }
        byte[] bytes = Numeric.hexStringToByteArray(hex);
        int v = bytes[64] & 0xff;
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw new RefusedSignature("v must be 27 or 28 (or 0 or 1)");
        }
        byte[] r = Arrays.copyOfRange(bytes, 0, 32);
        byte[] s = Arrays.copyOfRange(bytes, 32, 64);
        BigInteger sValue = new BigInteger(1, s);
        if (sValue.signum() == 0 || sValue.compareTo(HALF_CURVE_ORDER) > 0) {
            throw new RefusedSignature("s must be in the lower half of the curve order (EIP-2)");
        }
        BigInteger rValue = new BigInteger(1, r);
        if (rValue.signum() == 0) {
            throw new RefusedSignature("r must not be zero");
        }
        return new Signature(rValue, sValue, v - 27, new Sign.SignatureData((byte) v, r, s));
    }
}
