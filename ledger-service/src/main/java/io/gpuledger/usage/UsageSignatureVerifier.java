package io.gpuledger.usage;

import io.gpuledger.chain.UsageSigningDomain;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * Who signed a usage report: the EIP-712 digest of the report under the ledger's domain
 * ({@link UsageReportDigest}), then the key, either recovered from the signature
 * ({@link Sign#signedMessageHashToKey}) or, when the signer is expected, checked against that
 * signer's known key ({@link #signedBy}), which gives the same answer for a third of the work.
 * Refuses what Ethereum refuses: a signature that is not 65 bytes, a {@code v} other than 27/28
 * (0/1 are read as 27/28), and a high {@code s}, the malleable twin of a valid signature, so each
 * report has one signature per signer.
 */
final class UsageSignatureVerifier {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final BigInteger HALF_CURVE_ORDER = N.shiftRight(1);
    private static final ECPoint G = Sign.CURVE_PARAMS.getG();
    private static final ECCurve CURVE = Sign.CURVE_PARAMS.getCurve();
    private static final Pattern SIGNATURE_HEX = Pattern.compile("0x[0-9a-fA-F]{130}");

    /** What is signed: the report's fields, times in Unix seconds. */
    record SignedReport(String marketplaceId, String leaseId, String reportId, long periodStart, long periodEnd,
                        long gpuSeconds, long energyWh) {
    }

    /** A signature whose form is acceptable: r and s as numbers, and the recovery id (v − 27). */
    record Signature(BigInteger r, BigInteger s, int recoveryId, Sign.SignatureData data) {
    }

    /** The signer a signature recovers to: its EIP-55 address and its public key on web3j's curve. */
    record Signer(String address, ECPoint key) {
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

    /** The signer whose key made {@code signature} over {@code digest}, by web3j's public-key recovery. */
    static Signer recover(byte[] digest, Signature signature) throws RefusedSignature {
        BigInteger key;
        try {
            key = Sign.signedMessageHashToKey(digest, signature.data());
        } catch (SignatureException | IllegalArgumentException e) {
            throw new RefusedSignature("no key recovers from the signature");
        }
        return new Signer(Keys.toChecksumAddress(Keys.getAddress(key)), pointOf(key));
    }

    /**
     * Whether recovering {@code signature} over {@code digest} would give {@code key}, without the
     * recovery: ECDSA verification, R' = (e/s)·G + (r/s)·key, with the recovery id checked too (R'
     * has x = r and the y parity v names), so a signature whose {@code v} names the other of the two
     * keys it is valid for is not taken for this key's. Recovery computes key = (s·R − e·G)/r from
     * that same R, so R' = R exactly when it would give {@code key}. An r at or above n (recovery
     * ids 2 and 3, which web3j does not read from v) is left to the recovery.
     */
    static boolean signedBy(ECPoint key, byte[] digest, Signature signature) {
        BigInteger r = signature.r();
        if (r.compareTo(N) >= 0) {
            return false;
        }
        BigInteger sInverse = BigIntegers.modOddInverse(N, signature.s());
        BigInteger u1 = new BigInteger(1, digest).multiply(sInverse).mod(N);
        BigInteger u2 = r.multiply(sInverse).mod(N);
        ECPoint point = ECAlgorithms.sumOfTwoMultiplies(G, u1, key, u2).normalize();
        return !point.isInfinity() && point.getAffineXCoord().toBigInteger().equals(r)
                && point.getAffineYCoord().testBitZero() == (signature.recoveryId() == 1);
    }

    /**
     * Whether {@link #signedBy} holds for every one of the signatures over their digests, in one
     * check: with R_i the point of x = r_i and the y parity v_i names, and random 128-bit c_i drawn
     * after the signatures are known, Σ c_i·R_i = (Σ c_i·e_i/s_i)·G + (Σ c_i·r_i/s_i)·key, one
     * multi-scalar multiplication whose doublings all the signatures share. It holds when each
     * signature does; when one does not, it holds with a chance of at most 2^-128, that of guessing
     * the c_i. False tells nothing about which signature failed.
     */
    static boolean allSignedBy(ECPoint key, List<byte[]> digests, List<Signature> signatures, Random random) {
        int count = signatures.size();
        ECPoint[] points = new ECPoint[count + 2];
        BigInteger[] scalars = new BigInteger[count + 2];
        BigInteger g = BigInteger.ZERO;
        BigInteger q = BigInteger.ZERO;
        for (int i = 0; i < count; i++) {
            Signature signature = signatures.get(i);
            if (signature.r().compareTo(N) >= 0) {
                return false;
            }
            byte[] compressed = new byte[33];
            compressed[0] = (byte) (signature.recoveryId() == 1 ? 0x03 : 0x02);
            System.arraycopy(BigIntegers.asUnsignedByteArray(32, signature.r()), 0, compressed, 1, 32);
            try {
                points[i] = CURVE.decodePoint(compressed);
            } catch (IllegalArgumentException e) {
                return false;
            }
            BigInteger c = new BigInteger(128, random);
            BigInteger cOverS = c.multiply(BigIntegers.modOddInverse(N, signature.s()));
            g = g.add(cOverS.multiply(new BigInteger(1, digests.get(i))));
            q = q.add(cOverS.multiply(signature.r()));
            scalars[i] = c;
        }
        points[count] = G;
        scalars[count] = N.subtract(g.mod(N));
        points[count + 1] = key;
        scalars[count + 1] = N.subtract(q.mod(N));
        return ECAlgorithms.sumOfMultiplies(points, scalars).isInfinity();
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

    /** The key as a point of web3j's curve, or null for the point at infinity a forged signature can recover to. */
    private static ECPoint pointOf(BigInteger publicKey) {
        if (publicKey.signum() == 0) {
            return null;
        }
        byte[] encoded = new byte[65];
        encoded[0] = 0x04;
        System.arraycopy(Numeric.toBytesPadded(publicKey, 64), 0, encoded, 1, 64);
        try {
            return CURVE.decodePoint(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
