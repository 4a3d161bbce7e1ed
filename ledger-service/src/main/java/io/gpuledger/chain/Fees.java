package io.gpuledger.chain;

import java.math.BigInteger;

/** The two EIP-1559 fee caps of a transaction, in wei per gas. */
record Fees(BigInteger maxFeePerGas, BigInteger maxPriorityFeePerGas) {

    private static final BigInteger HUNDRED = BigInteger.valueOf(100);

    /**
     * Room for the base fee to grow twofold before the transaction is priced out, as wallets do:
     * a block's base fee rises by at most 12.5%, so doubling covers about six full blocks.
     */
    static Fees forNextBlocks(BigInteger baseFeePerGas, BigInteger priorityFeePerGas) {
        return new Fees(baseFeePerGas.shiftLeft(1).add(priorityFeePerGas), priorityFeePerGas);
    }

    /**
     * Fees for a replacement: both caps raised by at least {@code percent} (rounded up, since nodes
     * compare exactly), and never below what the market asks now.
     */
    Fees bumped(int percent, Fees market) {
        BigInteger priority = raise(maxPriorityFeePerGas, percent).max(market.maxPriorityFeePerGas());
        BigInteger maxFee = raise(maxFeePerGas, percent).max(market.maxFeePerGas()).max(priority);
        return new Fees(maxFee, priority);
    }

    private static BigInteger raise(BigInteger value, int percent) {
        BigInteger[] quotient = value.multiply(HUNDRED.add(BigInteger.valueOf(percent))).divideAndRemainder(HUNDRED);
        BigInteger raised = quotient[1].signum() == 0 ? quotient[0] : quotient[0].add(BigInteger.ONE);
        // A zero fee raised by a percentage stays zero; one wei more keeps the replacement a replacement.
        return raised.compareTo(value) > 0 ? raised : value.add(BigInteger.ONE);
    }
}
