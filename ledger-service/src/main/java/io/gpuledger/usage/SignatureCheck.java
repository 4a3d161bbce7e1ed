package io.gpuledger.usage;

import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.Signature;
import io.gpuledger.usage.UsageSignatureVerifier.Signer;
import io.gpuledger.usage.UsageSignatureVerifier.SignerKey;

/**
 * The elliptic-curve arithmetic of a signature check, one implementation per library: libsecp256k1
 * through JNI ({@link Secp256k1SignatureCheck}) where its native library loads, else BouncyCastle
 * through web3j ({@link BouncyCastleSignatureCheck}). Both take signatures as
 * {@link UsageSignatureVerifier#parse} accepts them and give the same answers.
 */
interface SignatureCheck {

    /** The signer whose key made {@code signature} over {@code digest}: public-key recovery with the signature's v. */
    Signer recover(byte[] digest, Signature signature) throws RefusedSignature;

    /**
     * Whether {@link #recover} would give {@code key}: a signature whose {@code v} names the other of
     * the two keys it is valid for is not this key's.
     */
    boolean signedBy(SignerKey key, byte[] digest, Signature signature);
}
