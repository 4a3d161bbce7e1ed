package io.gpuledger.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.Signature;
import io.gpuledger.usage.UsageSignatureVerifier.Signer;
import io.gpuledger.usage.UsageSignatureVerifier.SignerKey;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * libsecp256k1's check against BouncyCastle's, its reference: over random keys and digests, both
 * give the same signer (or both refuse) and the same answer against a known key, for valid
 * signatures and for each way a signature can be wrong. Seeded, so a failure replays.
 */
class SignatureCheckAgreementTest {

    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final BigInteger P = Sign.CURVE_PARAMS.getCurve().getField().getCharacteristic();
    private static final SignatureCheck BOUNCY_CASTLE = BouncyCastleSignatureCheck.INSTANCE;
    private static final int TRIALS = 60;

    private static SignatureCheck secp;

    @BeforeAll
    static void loadLibsecp256k1() {
        secp = Secp256k1SignatureCheck.loadOr(BOUNCY_CASTLE);
        assumeTrue(secp instanceof Secp256k1SignatureCheck, "libsecp256k1 does not load on " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch"));
    }

    @Test
    void theLedgerUsesLibsecp256k1WhereItsNativeLibraryIsBundled() {
        boolean bundled = System.getProperty("os.name").startsWith("Linux")
                && System.getProperty("os.arch").matches("amd64|x86_64|aarch64");
        assumeTrue(bundled, "not a platform whose library the jar bundles for this check");

        assertThat(UsageSignatureVerifier.CHECK).isInstanceOf(Secp256k1SignatureCheck.class);
    }

    @Test
    void fallsBackToBouncyCastleWhenTheNativeLibraryDoesNotLoad() {
        assertThat(Secp256k1SignatureCheck.loadOr(() -> {
            throw new UnsatisfiedLinkError("no libsecp256k1-jni in java.library.path");
        }, BOUNCY_CASTLE)).isSameAs(BOUNCY_CASTLE);
        assertThat(Secp256k1SignatureCheck.loadOr(() -> {
            throw new IllegalStateException("Could not load native Secp256k1 JNI library");
        }, BOUNCY_CASTLE)).isSameAs(BOUNCY_CASTLE);
    }

    @Test
    void agreeOnValidSignatures() throws RefusedSignature {
        trials(11, trial -> {
            assertAgree(trial.signature(), trial.digest(), trial.key(), trial.name());
            assertThat(secp.signedBy(signerKey(trial.key()), trial.digest(), trial.signature())).as(trial.name()).isTrue();
            assertThat(secp.recover(trial.digest(), trial.signature()).address())
                    .isEqualTo(UsageSignatureVerifierTest.address(trial.key()));
        });
    }

    @Test
    void agreeOnSignaturesByAnotherKey() throws RefusedSignature {
        trials(12, trial -> {
            Signature another = signed(key(trial.random()), trial.digest());

            assertAgree(another, trial.digest(), trial.key(), trial.name());
            assertThat(secp.signedBy(signerKey(trial.key()), trial.digest(), another)).as(trial.name()).isFalse();
        });
    }

    @Test
    void agreeOnSignaturesWhoseVNamesTheOtherKey() throws RefusedSignature {
        trials(13, trial -> {
            Signature valid = trial.signature();
            Signature flipped = signature(valid.r(), valid.s(), 1 - valid.recoveryId());

            assertAgree(flipped, trial.digest(), trial.key(), trial.name());
            assertThat(secp.signedBy(signerKey(trial.key()), trial.digest(), flipped)).as(trial.name()).isFalse();
            assertThat(secp.recover(trial.digest(), flipped).address())
                    .isNotEqualTo(UsageSignatureVerifierTest.address(trial.key()));
        });
    }

    @Test
    void agreeOnTheHighSTwinWhichParseRefuses() throws RefusedSignature {
        trials(14, trial -> {
            Signature valid = trial.signature();
            Signature twin = signature(valid.r(), N.subtract(valid.s()), 1 - valid.recoveryId());

            assertAgree(twin, trial.digest(), trial.key(), trial.name());
            assertThatThrownBy(() -> UsageSignatureVerifier.parse(hex(twin))).isInstanceOf(RefusedSignature.class)
                    .hasMessageContaining("lower half");
        });
    }

    @Test
    void agreeOnAZeroROrAnRAtOrAboveTheOrder() throws RefusedSignature {
        trials(15, trial -> {
            BigInteger[] rs = {BigInteger.ZERO, N, N.add(BigInteger.valueOf(trial.random().nextInt(1000))),
                    P.subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE)};
            for (BigInteger r : rs) {
                Signature odd = signature(r, trial.signature().s(), trial.signature().recoveryId());

                assertAgree(odd, trial.digest(), trial.key(), trial.name() + ", r " + r.toString(16));
                assertThat(secp.signedBy(signerKey(trial.key()), trial.digest(), odd)).isFalse();
            }
        });
    }

    @Test
    void agreeOnATamperedDigest() throws RefusedSignature {
        trials(16, trial -> {
            byte[] tampered = trial.digest().clone();
            tampered[trial.random().nextInt(32)] ^= (byte) (1 << trial.random().nextInt(8));

            assertAgree(trial.signature(), tampered, trial.key(), trial.name());
            assertThat(secp.signedBy(signerKey(trial.key()), tampered, trial.signature())).as(trial.name()).isFalse();
        });
    }

    @Test
    void agreeOnForgedSignaturesOfRandomRAndS() throws RefusedSignature {
        Random random = new Random(17);
        for (int i = 0; i < TRIALS; i++) {
            Signature forged = signature(new BigInteger(256, random).mod(N.subtract(BigInteger.ONE)).add(BigInteger.ONE),
                    new BigInteger(255, random).mod(N.shiftRight(1)).add(BigInteger.ONE), random.nextInt(2));

            assertAgree(forged, digest(random), key(random), "trial " + i);
        }
    }

    /** A signature made to recover to the point at infinity: R = k·G and s = e/k, so s·R − e·G = O. */
    @Test
    void agreeOnASignatureThatRecoversToThePointAtInfinity() throws RefusedSignature {
        Random random = new Random(18);
        for (int i = 0; i < 10; i++) {
            byte[] digest = digest(random);
            BigInteger k = new BigInteger(255, random).add(BigInteger.ONE);
            BigInteger s = new BigInteger(1, digest).multiply(k.modInverse(N)).mod(N);
            if (s.compareTo(N.shiftRight(1)) > 0) {
                k = N.subtract(k);
                s = N.subtract(s);
            }
            ECPoint r = Sign.publicPointFromPrivate(k).normalize();
            Signature signature = signature(r.getAffineXCoord().toBigInteger(), s,
                    r.getAffineYCoord().testBitZero() ? 1 : 0);

            assertAgree(signature, digest, key(random), "trial " + i);
        }
    }

    /** A random key, a random digest and the key's valid signature over it; {@code random} for what else a check draws. */
    private record Trial(int number, ECKeyPair key, byte[] digest, Signature signature, Random random) {
        String name() {
            return "trial " + number;
        }
    }

    private interface TrialCheck {
        void check(Trial trial) throws RefusedSignature;
    }

    /** {@link #TRIALS} trials from {@code seed}, so that a failure replays. */
    private static void trials(long seed, TrialCheck check) throws RefusedSignature {
        Random random = new Random(seed);
        for (int i = 0; i < TRIALS; i++) {
            ECKeyPair key = key(random);
            byte[] digest = digest(random);
            check.check(new Trial(i, key, digest, signed(key, digest), random));
        }
    }

    private static void assertAgree(Signature signature, byte[] digest, ECKeyPair key, String trial) {
        assertThat(secp.signedBy(signerKey(key), digest, signature)).as(trial + ": signedBy")
                .isEqualTo(BOUNCY_CASTLE.signedBy(signerKey(key), digest, signature));
        assertThat(recovered(secp, digest, signature)).as(trial + ": recover")
                .isEqualTo(recovered(BOUNCY_CASTLE, digest, signature));
    }

    /** The address and key recovered, or what refused it. */
    private static String recovered(SignatureCheck check, byte[] digest, Signature signature) {
        try {
            Signer signer = check.recover(digest, signature);
            return signer.address() + " " + (signer.key() == null ? "no key"
                    : Numeric.toHexString(signer.key().uncompressed()));
        } catch (RefusedSignature refused) {
            return "refused: " + refused.getMessage();
        }
    }

    private static ECKeyPair key(Random random) {
        return ECKeyPair.create(new BigInteger(255, random).add(BigInteger.ONE));
    }

    private static SignerKey signerKey(ECKeyPair key) {
        return UsageSignatureVerifierTest.key(key);
    }

    private static byte[] digest(Random random) {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        return digest;
    }

    private static Signature signed(ECKeyPair key, byte[] digest) throws RefusedSignature {
        return UsageSignatureVerifier.parse(UsageSignatureVerifierTest.sign(key, digest));
    }

    /** A signature of any r, s and recovery id, past {@link UsageSignatureVerifier#parse}'s rules. */
    private static Signature signature(BigInteger r, BigInteger s, int recoveryId) {
        byte[] rBytes = Numeric.toBytesPadded(r, 32);
        byte[] sBytes = Numeric.toBytesPadded(s, 32);
        return new Signature(r, s, recoveryId, new Sign.SignatureData((byte) (27 + recoveryId), rBytes, sBytes));
    }

    private static String hex(Signature signature) {
        byte[] bytes = Arrays.copyOf(signature.compact(), 65);
        bytes[64] = signature.data().getV()[0];
        return Numeric.toHexString(bytes);
    }
}
