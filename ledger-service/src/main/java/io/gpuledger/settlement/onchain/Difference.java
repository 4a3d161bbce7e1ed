package io.gpuledger.settlement.onchain;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One way the ledger and the chain disagree. {@code kind}:
 * <ul>
 * <li>MISSING: the ledger says it happened (anchored, paid), the chain does not; or the chain made a
 *     payout impossible that the ledger still owes;</li>
 * <li>DOUBLED: the chain did it more than once;</li>
 * <li>STUCK: a step's transaction is not final after {@code stuck-after}, or it failed and waits for an operator;</li>
 * <li>UNEXPLAINED: the chain did something the ledger did not submit or record;</li>
 * <li>MISMATCH: both did it, differently (another root, amount or transaction).</li>
 * </ul>
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Difference(Kind kind, Long epoch, String account, String amountUnits, String txHash, String detail) {

    public enum Kind {
        MISSING, DOUBLED, STUCK, UNEXPLAINED, MISMATCH
    }

    static Difference of(Kind kind, Long epoch, String detail) {
        return new Difference(kind, epoch, null, null, null, detail);
    }
}
