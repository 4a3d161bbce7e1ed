package io.gpuledger.chain;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The runtime code of contracts that revert every call, assembled by hand so that the chain tests
 * need no compiler: each writes the ABI-encoded error into memory and reverts with those bytes.
 * {@link #RUNTIME} reverts with Error("nope"), {@link #CUSTOM_ERROR_RUNTIME} with the custom error
 * {@code EpochAlreadyAnchored(1)}, whose argument holds NUL bytes. Tests place them with anvil_setCode.
 */
final class RevertingContract {

    static final String REASON = "nope";
    static final String RUNTIME = "0x"
            + push32(HexFormat.of().parseHex("08c379a0")) + "600052"   // mem[0..4]    = Error(string) selector
            + "6020" + "600452"                                          // mem[4..36]   = offset of the string, 32
            + "6004" + "602452"                                          // mem[36..68]  = its length, 4
            + push32(REASON.getBytes(StandardCharsets.US_ASCII)) + "604452" // mem[68..100] = "nope"
            + "6064" + "6000" + "fd";                                    // revert(0, 100)

    /** EpochAlreadyAnchored(uint64) with the argument 1: the selector, then a word of 31 zero bytes and a 1. */
    static final String CUSTOM_ERROR_DATA = "0x" + org.web3j.crypto.Hash.sha3String("EpochAlreadyAnchored(uint64)")
            .substring(2, 10) + "0".repeat(63) + "1";
    static final String CUSTOM_ERROR_RUNTIME = "0x"
            + push32(HexFormat.of().parseHex(CUSTOM_ERROR_DATA.substring(2, 10))) + "600052" // mem[0..4] = selector
            + "6001" + "600452"                                                         // mem[4..36] = 1
            + "6024" + "6000" + "fd";                                                   // revert(0, 36)

    private RevertingContract() {
    }

    /** PUSH32 of the bytes, left-aligned as Solidity lays out bytes4 and short strings. */
    private static String push32(byte[] leftAligned) {
        byte[] word = new byte[32];
        System.arraycopy(leftAligned, 0, word, 0, leftAligned.length);
        return "7f" + HexFormat.of().formatHex(word);
    }
}
