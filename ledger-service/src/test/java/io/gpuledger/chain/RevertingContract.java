package io.gpuledger.chain;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The runtime code of a contract that reverts every call with Error("nope"), assembled by hand so
 * that the chain tests need no compiler: it writes the ABI-encoded error into memory and reverts
 * with those 100 bytes. Tests place it with anvil_setCode.
 */
final class RevertingContract {

    static final String REASON = "nope";
    static final String RUNTIME = "0x"
            + push32(HexFormat.of().parseHex("08c379a0")) + "600052"   // mem[0..4]    = Error(string) selector
            + "6020" + "600452"                                          // mem[4..36]   = offset of the string, 32
            + "6004" + "602452"                                          // mem[36..68]  = its length, 4
            + push32(REASON.getBytes(StandardCharsets.US_ASCII)) + "604452" // mem[68..100] = "nope"
            + "6064" + "6000" + "fd";                                    // revert(0, 100)

    private RevertingContract() {
    }

    /** PUSH32 of the bytes, left-aligned as Solidity lays out bytes4 and short strings. */
    private static String push32(byte[] leftAligned) {
        byte[] word = new byte[32];
        System.arraycopy(leftAligned, 0, word, 0, leftAligned.length);
        return "7f" + HexFormat.of().formatHex(word);
    }
}
