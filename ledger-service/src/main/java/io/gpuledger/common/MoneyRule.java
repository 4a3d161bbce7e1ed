package io.gpuledger.common;

import java.math.BigInteger;

/**
 * The one rounding rule of the ledger (docs/MONEY.md), applied here and nowhere else.
 *
 * <p>A lease's usage value is the exact sum Σ gpuSeconds × priceUnitsPerGpuHour, an integer
 * that is 3600 times the exact charge. Amounts are derived from cumulative values and floored
 * once, so any slice of history is the difference of two cumulative {@link Charges} and slices
 * always add up to the whole, to the unit.
 */
public final class MoneyRule {

    public static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3600);
    public static final BigInteger BPS_DENOMINATOR = BigInteger.valueOf(10_000);

    private MoneyRule() {
    }

    /** The exact value of one report: gpuSeconds × price, in units·seconds per hour. */
    public static BigInteger usageValue(long gpuSeconds, BigInteger priceUnitsPerGpuHour) {
        return BigInteger.valueOf(gpuSeconds).multiply(priceUnitsPerGpuHour);
    }

    /** Cumulative charges for a cumulative usage value: charged, fee and provider share. */
    public static Charges charges(BigInteger cumulativeUsageValue, int marketplaceFeeBps) {
        BigInteger charged = cumulativeUsageValue.divide(SECONDS_PER_HOUR);
        BigInteger fee = charged.multiply(BigInteger.valueOf(marketplaceFeeBps)).divide(BPS_DENOMINATOR);
        return new Charges(charged, fee, charged.subtract(fee));
    }
}
