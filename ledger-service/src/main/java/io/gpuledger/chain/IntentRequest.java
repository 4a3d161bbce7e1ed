package io.gpuledger.chain;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * What a caller asks the chain to do once: send {@code valueWei} and {@code data} to {@code to}.
 * Built through {@link #of}, which checks and normalises, so that a resubmission compares equal.
 */
record IntentRequest(String intentId, String to, BigInteger valueWei, String data, long gasLimit) {

    static final Pattern INTENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-fA-F]{40}");
    private static final Pattern HEX = Pattern.compile("(0x)?([0-9a-fA-F]{2})*");
    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
    private static final long BASE_GAS = 21_000;

    static IntentRequest of(String intentId, String to, BigInteger valueWei, String data, BigInteger gasLimit) {
        if (intentId == null || !INTENT_ID.matcher(intentId).matches()) {
            throw new IllegalArgumentException("intentId must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }
        if (to == null || !ADDRESS.matcher(to).matches()) {
            throw new IllegalArgumentException("to must be a 0x-prefixed 20-byte hex address");
        }
        String hex = to.substring(2);
        boolean mixedCase = !hex.equals(hex.toLowerCase()) && !hex.equals(hex.toUpperCase());
        if (mixedCase && !Keys.toChecksumAddress(to).equals(to)) {
            throw new IllegalArgumentException("to fails its EIP-55 checksum");
        }
        if (valueWei == null || valueWei.signum() < 0 || valueWei.compareTo(UINT256_MAX) > 0) {
            throw new IllegalArgumentException("value must be from 0 to 2^256-1 wei");
        }
        String calldata = data == null ? "" : data;
        if (!HEX.matcher(calldata).matches()) {
            throw new IllegalArgumentException("data must be hex bytes");
        }
        calldata = Numeric.prependHexPrefix(Numeric.cleanHexPrefix(calldata).toLowerCase());
        if (gasLimit == null || gasLimit.bitLength() > 62) {
            throw new IllegalArgumentException("gasLimit is required and must fit a block");
        }
        long minimum = minimumGas(calldata);
        if (gasLimit.longValueExact() < minimum) {
            // Caught here rather than by the node, so that no nonce is ever spent on a transaction
            // every node refuses.
            throw new IllegalArgumentException("gasLimit must be at least " + minimum + " for this calldata");
        }
        return new IntentRequest(intentId, Keys.toChecksumAddress(to), valueWei, calldata, gasLimit.longValueExact());
    }

    /** Whether a stored intent asks for exactly this transaction. */
    boolean sameTransactionAs(ChainIntent intent) {
        return intent.to().equalsIgnoreCase(to) && intent.valueWei().equals(valueWei)
                && intent.data().equalsIgnoreCase(data) && intent.gasLimit() == gasLimit;
    }

    /**
     * The least gas a transaction with this calldata may be given: its intrinsic gas or, since
     * Prague (EIP-7623), the calldata floor, whichever is more.
     */
    static long minimumGas(String calldata) {
        byte[] bytes = Numeric.hexStringToByteArray(calldata);
        long zero = 0;
        for (byte b : bytes) {
            zero += b == 0 ? 1 : 0;
        }
        long nonZero = bytes.length - zero;
        long intrinsic = BASE_GAS + 4 * zero + 16 * nonZero;
        long floor = BASE_GAS + 10 * (zero + 4 * nonZero);
        return Math.max(intrinsic, floor);
    }
}
