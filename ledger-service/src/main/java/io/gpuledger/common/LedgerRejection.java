package io.gpuledger.common;

/**
 * A request the ledger refuses by rule. Each code is stable and listed in docs/ERRORS.md;
 * {@code field} names the offending input where there is one.
 */
public class LedgerRejection extends RuntimeException {

    private final RejectionCode code;
    private final String field;

    public LedgerRejection(RejectionCode code, String field, String message) {
        super(message);
        this.code = code;
        this.field = field;
    }

    public LedgerRejection(RejectionCode code, String message) {
        this(code, null, message);
    }

    public RejectionCode code() {
        return code;
    }

    public String field() {
        return field;
    }
}
