package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import java.math.BigInteger;
import java.time.Instant;

/**
 * One void or adjustment a statement line itemizes. A void names the report it voided and that report's
 * period, and takes back its GPU-seconds (negative); an adjustment has its id, kind and positive
 * {@code amountUnits}. {@code charges} is the slice the correction's event moved, in acceptance order
 * (negative for a void or a credit), as the void and adjustment routes answered it.
 */
public record StatementCorrection(String correction, String correctionId, String adjustmentKind, String reason,
                                  Instant recordedAt, Instant periodStart, Instant periodEnd, long gpuSeconds,
                                  BigInteger amountUnits, Charges charges) {

    static final String VOID = "VOID";

    public boolean isVoid() {
        return VOID.equals(correction);
    }
}
