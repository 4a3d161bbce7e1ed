package io.gpuledger.auth;

import java.util.Optional;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;

/** A PROVIDER key's payout address: 0x and 40 hex digits, EIP-55 checked when mixed case, kept checksummed. */
public final class ProviderAddress {

    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");

    private ProviderAddress() {
    }

    /** The address checksummed, or empty when the text is no address or fails its checksum. */
    public static Optional<String> normalise(String text) {
        if (text == null || !ADDRESS.matcher(text).matches()) {
            return Optional.empty();
        }
        String checksummed = Keys.toChecksumAddress(text);
        String hex = text.substring(2);
        boolean mixedCase = !hex.equals(hex.toLowerCase()) && !hex.equals(hex.toUpperCase());
        return mixedCase && !checksummed.equals(text) ? Optional.empty() : Optional.of(checksummed);
    }
}
