package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import io.gpuledger.common.MoneyRule;
import java.math.BigInteger;

/**
 * A lease's cumulative values at one edge of a statement window: the value of the usage recorded
 * before it, of a capacity lease's fee accrued from before it, of the voids placed before it, the
 * adjustments other than SLA credits (debits less credits, in units) and the SLA credits (adjustments with
 * reason SLA_CREDIT, in units), over the lease's {@code denominator}. The parts add in that order. Every amount of a
 * window is a difference of these cumulative charges at its two edges, so windows add up to the
 * lease's totals to the unit (docs/MONEY.md, "Slices").
 */
record WindowEdge(BigInteger recordedValue, BigInteger feeValue, BigInteger voidedValue, BigInteger adjustmentUnits,
                  BigInteger slaUnits, BigInteger denominator) {

    Charges recorded(int feeBps) {
        return MoneyRule.charges(recordedValue, denominator, feeBps);
    }

    Charges withCapacityFee(int feeBps) {
        return MoneyRule.charges(recordedValue.add(feeValue), denominator, feeBps);
    }

    Charges afterVoids(int feeBps) {
        return MoneyRule.charges(recordedValue.add(feeValue).subtract(voidedValue), denominator, feeBps);
    }

    Charges afterAdjustments(int feeBps) {
        return MoneyRule.charges(recordedValue.add(feeValue).subtract(voidedValue)
                .add(adjustmentUnits.multiply(denominator)), denominator, feeBps);
    }

    Charges net(int feeBps) {
        return MoneyRule.charges(recordedValue.add(feeValue).subtract(voidedValue)
                .add(adjustmentUnits.add(slaUnits).multiply(denominator)), denominator, feeBps);
    }
}
