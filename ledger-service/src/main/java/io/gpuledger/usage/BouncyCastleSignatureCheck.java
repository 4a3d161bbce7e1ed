package io.gpuledger.usage;

import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.Signature;
import io.gpuledger.usage.UsageSignatureVerifier.Signer;
import io.gpuledger.usage.UsageSignatureVerifier.SignerKey;
import java.math.BigInteger;
import java.security.SignatureException;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The check in Java, on web3j's BouncyCastle curve: the reference the native check is tested
 * against, and the check where libsecp256k1 does not load.
 */
final class BouncyCastleSignatureCheck implements SignatureCheck {

    static final BouncyCastleSignatureCheck INSTANCE = new BouncyCastleSignatureCheck();

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final ECPoint G = Sign.CURVE_PARAMS.getG();

    private BouncyCastleSignatureCheck() {
    }

    /** web3j's public-key recovery ({@link Sign#signedMessageHashToKey}); an r of n, which it cannot invert, is refused. */
    @Override
    public Signer recover(byte[] digest, Signature signature) throws RefusedSignature {
        BigInteger key;
        try {
            key = Sign.signedMessageHashToKey(digest, signature.data());
        } catch (SignatureException | IllegalArgumentException | ArithmeticException e) {
            throw new RefusedSignature("no key recovers from the signature");
        }
        return new Signer(Keys.toChecksumAddress(Keys.getAddress(key)), keyOf(key));
    }

    /**
     * Without the recovery: ECDSA verification, R' = (e/s)·G + (r/s)·key, with the recovery id
     * checked too (R' has x = r and the y parity v names). Recovery computes key = (s·R − e·G)/r from
     * that same R, so R' = R exactly when it would give {@code key}. An r at or above n (recovery ids
     * 2 and 3, which web3j does not read from v) is left to the recovery.
     */
    @Override
    public boolean signedBy(SignerKey key, byte[] digest, Signature signature) {
        BigInteger r = signature.r();
        if (r.compareTo(N) >= 0) {
            return false;
        }
        BigInteger sInverse = BigIntegers.modOddInverse(N, signature.s());
        BigInteger u1 = new BigInteger(1, digest).multiply(sInverse).mod(N);
        BigInteger u2 = r.multiply(sInverse).mod(N);
        ECPoint point = ECAlgorithms.sumOfTwoMultiplies(G, u1, key.point(), u2).normalize();
        return !point.isInfinity() && point.getAffineXCoord().toBigInteger().equals(r)
                && point.getAffineYCoord().testBitZero() == (signature.recoveryId() == 1);
    }

    /** The key, or null for the point at infinity a forged signature can recover to. */
    private static SignerKey keyOf(BigInteger publicKey) {
        if (publicKey.signum() == 0) {
            return null;
        }
        byte[] encoded = new byte[65];
        encoded[0] = 0x04;
        System.arraycopy(Numeric.toBytesPadded(publicKey, 64), 0, encoded, 1, 64);
        return SignerKey.of(encoded);
    }
}
