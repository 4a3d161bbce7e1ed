package io.gpuledger.usage;

import static io.gpuledger.usage.UsageSignatureVerifierTest.METER;
import static io.gpuledger.usage.UsageSignatureVerifierTest.OTHER;
import static io.gpuledger.usage.UsageSignatureVerifierTest.address;
import static io.gpuledger.usage.UsageSignatureVerifierTest.digest;
import static io.gpuledger.usage.UsageSignatureVerifierTest.sign;
import static io.gpuledger.usage.UsageSignatureVerifierTest.v;
import static io.gpuledger.usage.UsageSignatureVerifierTest.withV;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.Signature;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECKeyPair;

/** The signer found through the caches is always the signer web3j's recovery gives; the caches only save work. */
class KnownSignersTest {

    @Test
    void recoversALeasesFirstSignatureAndChecksTheNextOnesAgainstTheKeyItLearned() throws RefusedSignature {
        KnownSigners signers = new KnownSigners(100, 10, Runnable::run);

        for (int i = 0; i < 5; i++) {
            byte[] digest = digest("r-" + i, 60);
            assertThat(signers.signerOf("mkt lease-1 meter", digest, parse(sign(METER, digest)))).isEqualTo(address(METER));
        }

        assertThat(signers.recoveries()).isEqualTo(1);
    }

    @Test
    void sharesOneKeyAmongTheLeasesOfOneSigner() throws RefusedSignature {
        KnownSigners signers = new KnownSigners(100, 10, Runnable::run);
        byte[] digest = digest("r-1", 60);

        for (int lease = 0; lease < 3; lease++) {
            signers.signerOf("mkt lease-" + lease + " meter", digest, parse(sign(METER, digest)));
            signers.signerOf("mkt lease-" + lease + " meter", digest, parse(sign(METER, digest)));
        }

        assertThat(signers.keysHeld()).isEqualTo(1);
        assertThat(signers.recoveries()).isEqualTo(3);
    }

    @Test
    void answersWithTheRealSignerWhenTheLeasesKnownSignerDidNotSign() throws RefusedSignature {
        KnownSigners signers = new KnownSigners(100, 10, Runnable::run);
        byte[] first = digest("r-1", 60);
        signers.signerOf("mkt lease-1 meter", first, parse(sign(METER, first)));
        byte[] second = digest("r-2", 60);

        assertThat(signers.signerOf("mkt lease-1 meter", second, parse(sign(OTHER, second)))).isEqualTo(address(OTHER));
        String flippedV = withV(sign(METER, second), v(sign(METER, second)) == 27 ? 28 : 27);
        assertThat(signers.signerOf("mkt lease-1 meter", second, parse(flippedV)))
                .isEqualTo(UsageSignatureVerifier.recover(second, parse(flippedV)).address())
                .isNotEqualTo(address(METER));
        assertThat(signers.signerOf("mkt lease-1 meter", digest("r-3", 60), parse(sign(METER, second))))
                .isNotEqualTo(address(METER));
    }

    @Test
    void answersAsTheRecoveryDoesWhateverItEvictedOrWasToldWrong() throws RefusedSignature {
        Random random = new Random(11);
        List<ECKeyPair> keys = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            keys.add(ECKeyPair.create(BigInteger.valueOf(1000 + i)));
        }
        KnownSigners signers = new KnownSigners(2, 1, Runnable::run);

        for (int i = 0; i < 120; i++) {
            byte[] digest = digest("r-" + i, random.nextInt(1000));
            String signature = sign(keys.get(random.nextInt(keys.size())), digest);
            if (random.nextInt(5) == 0) {
                signature = withV(signature, v(signature) == 27 ? 28 : 27);
            }
            byte[] checked = random.nextInt(5) == 0 ? digest("r-" + i, 1000 + random.nextInt(1000)) : digest;
            String lease = "mkt lease-" + random.nextInt(4) + " meter";

            assertThat(signers.signerOf(lease, checked, parse(signature))).as("report %d", i)
                    .isEqualTo(UsageSignatureVerifier.recover(checked, parse(signature)).address());
        }
        assertThat(signers.keysHeld()).isLessThanOrEqualTo(1);
        assertThat(signers.recoveries()).isLessThan(120);
    }

    private static Signature parse(String hex) throws RefusedSignature {
        return UsageSignatureVerifier.parse(hex);
    }
}
