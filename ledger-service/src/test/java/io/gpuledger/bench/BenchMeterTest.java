package io.gpuledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** The benchmark's fast signer against web3j's recovery, the ledger's own: every signature recovers the key. */
class BenchMeterTest {

    private static final ECKeyPair KEY = ECKeyPair.create(
            Numeric.toBigInt("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80"));
    private static final BigInteger HALF_N = Sign.CURVE_PARAMS.getN().shiftRight(1);

    @Test
    void everySignatureRecoversTheSignersKeyWithALowSAndAVOf27Or28() throws Exception {
        BenchMeter meter = new BenchMeter(KEY.getPrivateKey());
        for (int i = 0; i < 200; i++) {
            byte[] digest = new byte[32];
            ThreadLocalRandom.current().nextBytes(digest);

            byte[] signature = Numeric.hexStringToByteArray(meter.sign(digest));

            assertThat(signature).hasSize(65);
            assertThat(signature[64]).isIn((byte) 27, (byte) 28);
            byte[] r = java.util.Arrays.copyOfRange(signature, 0, 32);
            byte[] s = java.util.Arrays.copyOfRange(signature, 32, 64);
            assertThat(new BigInteger(1, s)).isLessThanOrEqualTo(HALF_N);
            assertThat(Sign.signedMessageHashToKey(digest, new Sign.SignatureData(signature[64], r, s)))
                    .isEqualTo(KEY.getPublicKey());
        }
    }
}
