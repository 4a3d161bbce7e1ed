package io.gpuledger.bench;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The benchmark's meter: signs report digests with a secp256k1 key before the timed phase. web3j's
 * {@link Sign#signMessage} finds the recovery id by recovering the key up to four times (about half
 * a millisecond a signature); this reads it from the nonce point's y parity instead, so signing a
 * round's reports takes seconds, not minutes. Its signatures are checked against web3j's recovery
 * (BenchMeterTest); the ledger refuses any it could not recover.
 */
final class BenchMeter {

    private static final ECDomainParameters CURVE = new ECDomainParameters(Sign.CURVE_PARAMS.getCurve(),
            Sign.CURVE_PARAMS.getG(), Sign.CURVE_PARAMS.getN(), Sign.CURVE_PARAMS.getH());
    private static final BigInteger HALF_N = CURVE.getN().shiftRight(1);

    private final BigInteger privateKey;
    private final FixedPointCombMultiplier multiplier = new FixedPointCombMultiplier();
    private final Random random = new SecureRandom();

    BenchMeter(BigInteger privateKey) {
        this.privateKey = privateKey;
    }

    /** The 65-byte signature of a 32-byte digest as the API takes it: 0x, r, s (low), v (27 or 28). */
    String sign(byte[] digest) {
        BigInteger n = CURVE.getN();
        BigInteger e = new BigInteger(1, digest);
        while (true) {
            BigInteger k = new BigInteger(n.bitLength(), random);
            if (k.signum() == 0 || k.compareTo(n) >= 0) {
                continue;
            }
            ECPoint point = multiplier.multiply(CURVE.getG(), k).normalize();
            BigInteger r = point.getAffineXCoord().toBigInteger();
            // An x at or above n would need recovery ids 2 and 3, which the ledger does not take; its odds are 2^-128.
            if (r.signum() == 0 || r.compareTo(n) >= 0) {
                continue;
            }
            BigInteger s = k.modInverse(n).multiply(e.add(privateKey.multiply(r))).mod(n);
            if (s.signum() == 0) {
                continue;
            }
            int recoveryId = point.getAffineYCoord().testBitZero() ? 1 : 0;
            if (s.compareTo(HALF_N) > 0) {
                s = n.subtract(s);
                recoveryId ^= 1;
            }
            return Numeric.toHexString(Numeric.toBytesPadded(r, 32)) + Numeric.toHexStringNoPrefix(Numeric.toBytesPadded(s, 32))
                    + Integer.toHexString(27 + recoveryId);
        }
    }
}
