package io.gpuledger.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Numeric;

/**
 * The ledger's signing key. It is read once, from LEDGER_SIGNER_KEY or the file LEDGER_SIGNER_KEY_FILE
 * names, and never leaves this object: no getter, no toString, no exception message shows it.
 */
final class ChainSigner {

    private static final Pattern PRIVATE_KEY = Pattern.compile("(0x)?[0-9a-fA-F]{64}");

    private final Credentials credentials;
    private final String address;

    private ChainSigner(Credentials credentials) {
        this.credentials = credentials;
        this.address = Keys.toChecksumAddress(credentials.getAddress());
    }

    static ChainSigner load(ChainProperties properties) {
        String key;
        String source;
        if (properties.signerKey() != null) {
            key = properties.signerKey().trim();
            source = "LEDGER_SIGNER_KEY";
        } else {
            source = "the file LEDGER_SIGNER_KEY_FILE names";
            try {
                key = Files.readString(Path.of(properties.signerKeyFile()), StandardCharsets.US_ASCII).trim();
            } catch (IOException e) {
                throw new IllegalStateException("could not read " + source + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        if (!PRIVATE_KEY.matcher(key).matches()) {
            throw new IllegalStateException(source + " does not hold a 32-byte hex private key");
        }
        return new ChainSigner(Credentials.create(key));
    }

    static ChainSigner of(Credentials credentials) {
        return new ChainSigner(credentials);
    }

    /** The checksummed address that pays for and sends every transaction. */
    String address() {
        return address;
    }

    /** Signs an EIP-1559 transaction; its hash is known before any node sees it. */
    SignedTx sign(long chainId, long nonce, IntentRequest request, Fees fees) {
        RawTransaction raw = RawTransaction.createTransaction(chainId, BigInteger.valueOf(nonce),
                BigInteger.valueOf(request.gasLimit()), request.to(), request.valueWei(), request.data(),
                fees.maxPriorityFeePerGas(), fees.maxFeePerGas());
        String hex = Numeric.toHexString(TransactionEncoder.signMessage(raw, credentials));
        return new SignedTx(Hash.sha3(hex), nonce, fees, hex);
    }

    @Override
    public String toString() {
        return "ChainSigner[" + address + "]";
    }
}
