package io.gpuledger.usage;

import fr.acinq.secp256k1.Secp256k1;
import fr.acinq.secp256k1.Secp256k1Exception;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.Signature;
import io.gpuledger.usage.UsageSignatureVerifier.Signer;
import io.gpuledger.usage.UsageSignatureVerifier.SignerKey;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The check with libsecp256k1 (Bitcoin Core's C library, through ACINQ's JNI binding; its cost
 * against BouncyCastle's in docs/PERFORMANCE.md, "Signature checks").
 * Against a known key it recovers with the signature's v and compares: libsecp256k1's ECDSA
 * verification ignores v and does not give R', so it cannot tell which of the two keys a signature is
 * valid for is the one v names, and a recovery costs about what a verification does.
 */
final class Secp256k1SignatureCheck implements SignatureCheck {

    private static final Logger log = LoggerFactory.getLogger(Secp256k1SignatureCheck.class);
    private static final BigInteger N = Sign.CURVE_PARAMS.getN();
    private static final byte[] ONE = Numeric.toBytesPadded(BigInteger.ONE, 32);
    private static final byte[] G = Sign.CURVE_PARAMS.getG().getEncoded(false);

    private final Secp256k1 secp;
    private final SignatureCheck fallback;

    private Secp256k1SignatureCheck(Secp256k1 secp, SignatureCheck fallback) {
        this.secp = secp;
        this.fallback = fallback;
    }

    /** libsecp256k1's check when its native library loads and works here, else {@code fallback}, said once at INFO. */
    static SignatureCheck loadOr(SignatureCheck fallback) {
        return loadOr(Secp256k1::get, fallback);
    }

    static SignatureCheck loadOr(Supplier<Secp256k1> library, SignatureCheck fallback) {
        try {
            Secp256k1 secp = library.get();
            if (!Arrays.equals(secp.pubkeyCreate(ONE), G)) {
                throw new IllegalStateException("its key of 1 is not the generator");
            }
            return new Secp256k1SignatureCheck(secp, fallback);
        } catch (LinkageError | RuntimeException unavailable) {
            log.info("libsecp256k1 is not usable here ({}): usage signatures are checked with BouncyCastle",
                    unavailable.toString());
            return fallback;
        }
    }

    /**
     * libsecp256k1 refuses what web3j's recovery reads: an r at or above n (web3j reduces it) and a
     * key at infinity (web3j gives the address of the zero key). Those, and an r that is no point's
     * x, go to {@code fallback}, so the answer is what it was; only forged signatures get there.
     */
    @Override
    public Signer recover(byte[] digest, Signature signature) throws RefusedSignature {
        if (signature.r().compareTo(N) < 0) {
            try {
                byte[] key = secp.ecdsaRecover(signature.compact(), digest, signature.recoveryId());
                return new Signer(Keys.toChecksumAddress(Numeric.toHexStringNoPrefix(
                        Keys.getAddress(Arrays.copyOfRange(key, 1, 65)))), SignerKey.of(key));
            } catch (Secp256k1Exception refused) {
                // Decided by the fallback below.
            }
        }
        return fallback.recover(digest, signature);
    }

    /** An r at or above n is refused, as {@link BouncyCastleSignatureCheck#signedBy} refuses it. */
    @Override
    public boolean signedBy(SignerKey key, byte[] digest, Signature signature) {
        if (signature.r().compareTo(N) >= 0) {
            return false;
        }
        try {
            return Arrays.equals(secp.ecdsaRecover(signature.compact(), digest, signature.recoveryId()),
                    key.uncompressed());
        } catch (Secp256k1Exception notRecovered) {
            return false;
        }
    }
}
