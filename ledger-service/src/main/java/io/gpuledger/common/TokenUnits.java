package io.gpuledger.common;

import java.math.BigInteger;
import java.util.regex.Pattern;

/** Parses and bounds token amounts: non-negative integers in the token's smallest unit, at most uint256. */
public final class TokenUnits {

    public static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final Pattern DIGITS = Pattern.compile("0|[1-9][0-9]{0,77}");

    private TokenUnits() {
    }

    /** @throws IllegalArgumentException with a sentence fit for an API client */
    public static BigInteger parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("is required");
        }
        if (!DIGITS.matcher(text).matches()) {
            throw new IllegalArgumentException(
                    "must be a decimal string of a non-negative integer in token units, without sign, fraction or leading zeros");
        }
        BigInteger value = new BigInteger(text);
        if (value.compareTo(UINT256_MAX) > 0) {
            throw new IllegalArgumentException("must not exceed 2^256-1");
        }
        return value;
    }
}
