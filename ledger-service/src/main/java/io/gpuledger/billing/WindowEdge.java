package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import io.gpuledger.common.MoneyRule;
import java.math.BigInteger;

/**
 * A lease's cumulative values at one edge of a statement window: the value of the usage recorded
 * before it, of the voids placed before it, and the adjustments (debits less credits, in units).
 * Every amount of a window is a difference of these cumulative charges at its two edges, so windows
 * add up to the lease's totals to the unit (docs/MONEY.md, "Slices").
 */
record WindowEdge(BigInteger recordedValue, BigInteger voidedValue, BigInteger adjustmentUnits) {

    Charges recorded(int feeBps) {
        return MoneyRule.charges(recordedValue, feeBps);
    }

    Charges afterVoids(int feeBps) {
        return MoneyRule.charges(recordedValue.subtract(voidedValue), feeBps);
    }

    Charges net(int feeBps) {
        return MoneyRule.charges(recordedValue.subtract(voidedValue)
                .add(adjustmentUnits.multiply(MoneyRule.SECONDS_PER_HOUR)), feeBps);
    }
}
