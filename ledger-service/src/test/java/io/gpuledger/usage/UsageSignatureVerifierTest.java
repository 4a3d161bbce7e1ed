package io.gpuledger.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.Signature;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;
import io.gpuledger.usage.UsageSignatureVerifier.SignerKey;
import java.math.BigInteger;
import java.util.Random;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The digest against web3j's encoder fed JSON text, and the check against a known key
 * ({@link UsageSignatureVerifier#signedBy}) against web3j's recovery: it may say yes only where the
 * recovery gives that key.
 */
class UsageSignatureVerifierTest {

    static final UsageSigningDomain DOMAIN = new UsageSigningDomain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    static final ECKeyPair METER = ECKeyPair.create(BigInteger.valueOf(0xA11CE));
    static final ECKeyPair OTHER = ECKeyPair.create(BigInteger.valueOf(0xB0B));
    private static final BigInteger N = Sign.CURVE_PARAMS.getN();

    @Test
    void digestIsWhatWeb3jsEncoderGivesForTheTypedDataAsJson() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            UsageSigningDomain domain = i % 2 == 0 ? DOMAIN
                    : new UsageSigningDomain(1 + random.nextInt(100_000), "0x" + "%040x".formatted(new BigInteger(160, random)));
            SignedReport report = new SignedReport("mkt-" + random.nextInt(), "lease-" + random.nextInt(),
                    "report-" + random.nextLong(), random.nextLong() >>> 1, random.nextLong() >>> 1,
                    random.nextLong() >>> 1, random.nextInt(3) == 0 ? 0 : random.nextLong() >>> 1);
            assertThat(UsageSignatureVerifier.hash(domain, report)).as(report.toString())
                    .isEqualTo(JsonTypedDataDigest.of(domain, report));
        }
    }

    @Test
    void canTellAValidSignatureIsByTheExpectedKey() throws RefusedSignature {
        byte[] digest = digest("r-1", 3600);
        Signature signature = UsageSignatureVerifier.parse(sign(METER, digest));

        assertThat(UsageSignatureVerifier.signedBy(key(METER), digest, signature)).isTrue();
        assertThat(UsageSignatureVerifier.recover(digest, signature).address()).isEqualTo(address(METER));
    }

    @Test
    void cannotTakeASignatureByAnotherKeyForTheExpectedOne() throws RefusedSignature {
        byte[] digest = digest("r-1", 3600);
        Signature signature = UsageSignatureVerifier.parse(sign(OTHER, digest));

        assertThat(UsageSignatureVerifier.signedBy(key(METER), digest, signature)).isFalse();
        assertThat(UsageSignatureVerifier.signedBy(key(OTHER), digest, signature)).isTrue();
    }

    @Test
    void cannotTakeASignatureOverAReportWithAFieldChanged() throws RefusedSignature {
        Signature signature = UsageSignatureVerifier.parse(sign(METER, digest("r-1", 3600)));

        assertThat(UsageSignatureVerifier.signedBy(key(METER), digest("r-1", 3601), signature)).isFalse();
        assertThat(UsageSignatureVerifier.recover(digest("r-1", 3601), signature).address())
                .isNotEqualTo(address(METER));
    }

    @Test
    void cannotTakeASignatureWhoseVNamesTheOtherKeyItIsValidFor() throws RefusedSignature {
        byte[] digest = digest("r-1", 3600);
        String flipped = withV(sign(METER, digest), v(sign(METER, digest)) == 27 ? 28 : 27);
        Signature signature = UsageSignatureVerifier.parse(flipped);

        assertThat(UsageSignatureVerifier.signedBy(key(METER), digest, signature)).isFalse();
        assertThat(UsageSignatureVerifier.recover(digest, signature).address()).isNotEqualTo(address(METER));
    }

    @Test
    void readsVAsZeroOrOneLikeTwentySevenOrTwentyEight() throws RefusedSignature {
        byte[] digest = digest("r-1", 3600);
        String signed = sign(METER, digest);
        Signature signature = UsageSignatureVerifier.parse(withV(signed, v(signed) - 27));

        assertThat(UsageSignatureVerifier.signedBy(key(METER), digest, signature)).isTrue();
    }

    @Test
    void cannotTakeAnyOtherV() {
        String signed = sign(METER, digest("r-1", 3600));
        for (int v : new int[] {2, 26, 29, 35, 255}) {
            assertThatThrownBy(() -> UsageSignatureVerifier.parse(withV(signed, v))).as("v " + v)
                    .isInstanceOf(RefusedSignature.class).hasMessageContaining("v must be");
        }
    }

    @Test
    void cannotTakeTheHighSTwinOfAValidSignature() {
        String signed = sign(METER, digest("r-1", 3600));
        BigInteger s = Numeric.toBigInt(signed.substring(66, 130));
        String twin = signed.substring(0, 66) + Numeric.toHexStringNoPrefixZeroPadded(N.subtract(s), 64)
                + Integer.toHexString(v(signed) == 27 ? 28 : 27);

        assertThatThrownBy(() -> UsageSignatureVerifier.parse(twin)).isInstanceOf(RefusedSignature.class)
                .hasMessageContaining("lower half");
    }

    @Test
    void cannotTakeAZeroR() {
        String signed = sign(METER, digest("r-1", 3600));
        String zeroR = "0x" + "00".repeat(32) + signed.substring(66);

        assertThatThrownBy(() -> UsageSignatureVerifier.parse(zeroR)).isInstanceOf(RefusedSignature.class)
                .hasMessageContaining("r must not be zero");
    }

    @Test
    void cannotRecoverAKeyFromAnROfTheCurveOrder() throws RefusedSignature {
        byte[] digest = digest("r-1", 3600);
        String signed = sign(METER, digest);
        Signature orderR = UsageSignatureVerifier.parse("0x" + Numeric.toHexStringNoPrefixZeroPadded(N, 64)
                + signed.substring(66));

        assertThatThrownBy(() -> UsageSignatureVerifier.recover(digest, orderR)).isInstanceOf(RefusedSignature.class)
                .hasMessageContaining("no key recovers");
        assertThat(UsageSignatureVerifier.signedBy(key(METER), digest, orderR)).isFalse();
    }

    static byte[] digest(String reportId, long gpuSeconds) {
        return UsageSignatureVerifier.hash(DOMAIN, new SignedReport("mkt", "lease-1", reportId, 0, 3600, gpuSeconds, 0));
    }

    static String sign(ECKeyPair key, byte[] digest) {
        Sign.SignatureData s = Sign.signMessage(digest, key, false);
        return Numeric.toHexString(s.getR()) + Numeric.toHexStringNoPrefix(s.getS()) + Numeric.toHexStringNoPrefix(s.getV());
    }

    static String withV(String signature, int v) {
        return signature.substring(0, 130) + "%02x".formatted(v);
    }

    static int v(String signature) {
        return Integer.parseInt(signature.substring(130), 16);
    }

    static String address(ECKeyPair key) {
        return Keys.toChecksumAddress(Keys.getAddress(key));
    }

    static ECPoint point(ECKeyPair key) {
        return Sign.publicPointFromPrivate(key.getPrivateKey());
    }

    static SignerKey key(ECKeyPair key) {
        return SignerKey.of(point(key));
    }
}
