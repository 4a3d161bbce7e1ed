package io.gpuledger.common;

import java.math.BigInteger;

/**
 * The one rounding rule of the ledger (docs/MONEY.md), applied here and nowhere else.
 *
 * <p>A lease's usage value is the exact sum Σ gpuSeconds × priceUnitsPerGpuHour, an integer
 * that is 3600 times the exact charge. Amounts are derived from cumulative values and floored
 * once, so any slice of history is the difference of two cumulative {@link Charges} and slices
 * always add up to the whole, to the unit.
 *
 * <p>A capacity lease's value is 3,600,000 times its exact charge ({@link #CAPACITY_DENOMINATOR}): its
 * fee accrues in units per hour and its energy in units per kWh, and 3600 × 1000 makes both exact
 * integers: Σ whole seconds × feeUnitsPerHour × 1000 + Σ energyWh × energyUnitsPerKwh × 3600.
 */
public final class MoneyRule {

    public static final BigInteger SECONDS_PER_HOUR = BigInteger.valueOf(3600);
    public static final BigInteger BPS_DENOMINATOR = BigInteger.valueOf(10_000);
    /** What a capacity lease's value is divided by: 3600 seconds per hour times 1000 Wh per kWh. */
    public static final BigInteger CAPACITY_DENOMINATOR = BigInteger.valueOf(3_600_000);
    private static final BigInteger WH_PER_KWH = BigInteger.valueOf(1000);

    /**
     * Below 2^60 the same floors are taken in longs (the usage path computes charges twice per
     * report): the value / 3600 is under 2^49, and times at most 10,000 bps under 2^63. Integer
     * division of non-negative longs floors exactly as BigInteger's does.
     */
    private static final int LONG_ARITHMETIC_BITS = 60;

    private MoneyRule() {
    }

    /** The exact value of one report: gpuSeconds × price, in units·seconds per hour. */
    public static BigInteger usageValue(long gpuSeconds, BigInteger priceUnitsPerGpuHour) {
        if (gpuSeconds >= 0 && priceUnitsPerGpuHour.signum() >= 0 && priceUnitsPerGpuHour.bitLength() < Long.SIZE) {
            long price = priceUnitsPerGpuHour.longValue();
            if (Math.multiplyHigh(gpuSeconds, price) == 0 && gpuSeconds * price >= 0) {
                return BigInteger.valueOf(gpuSeconds * price);
            }
        }
        return BigInteger.valueOf(gpuSeconds).multiply(priceUnitsPerGpuHour);
    }

    /** The exact value of energy on a capacity lease: energyWh × energyUnitsPerKwh × 3600, over {@link #CAPACITY_DENOMINATOR}. */
    public static BigInteger energyValue(long energyWh, BigInteger energyUnitsPerKwh) {
        return BigInteger.valueOf(energyWh).multiply(energyUnitsPerKwh).multiply(SECONDS_PER_HOUR);
    }

    /** A report's exact value over its lease's denominator: its energy's when it carries energyWh, else its GPU-seconds'. */
    public static BigInteger reportValue(long gpuSeconds, BigInteger priceUnitsPerGpuHour, Long energyWh,
                                         BigInteger energyUnitsPerKwh) {
        return energyWh != null ? energyValue(energyWh, energyUnitsPerKwh) : usageValue(gpuSeconds, priceUnitsPerGpuHour);
    }

    /**
     * A capacity fee's value over {@link #CAPACITY_DENOMINATOR} from its value over 3600 (whole
     * seconds × feeUnitsPerHour), as {@code CapacityFeeAccruedEvent} stores it.
     */
    public static BigInteger capacityFeeValue(BigInteger feeValuePerHour) {
        return feeValuePerHour.multiply(WH_PER_KWH);
    }

    /** Cumulative charges for a cumulative value over {@code denominator} (3600, or {@link #CAPACITY_DENOMINATOR}). */
    public static Charges charges(BigInteger cumulativeValue, BigInteger denominator, int marketplaceFeeBps) {
        if (denominator.equals(SECONDS_PER_HOUR)) {
            return charges(cumulativeValue, marketplaceFeeBps);
        }
        BigInteger charged = floorDivide(cumulativeValue, denominator);
        BigInteger fee = floorDivide(charged.multiply(BigInteger.valueOf(marketplaceFeeBps)), BPS_DENOMINATOR);
        return new Charges(charged, fee, charged.subtract(fee));
    }

    /**
     * Cumulative charges for a cumulative usage value: charged, fee and provider share. A lease's own
     * value is never negative, but a statement's cumulative value at a window's edge can be (a credit
     * placed before the usage it credits); floors are taken toward negative infinity there too, so
     * that an adjustment's charged units stay exactly its amount in every window.
     */
    public static Charges charges(BigInteger cumulativeUsageValue, int marketplaceFeeBps) {
        if (cumulativeUsageValue.signum() >= 0 && cumulativeUsageValue.bitLength() <= LONG_ARITHMETIC_BITS
                && marketplaceFeeBps >= 0 && marketplaceFeeBps <= 10_000) {
            long charged = cumulativeUsageValue.longValue() / 3600;
            long fee = charged * marketplaceFeeBps / 10_000;
            return new Charges(BigInteger.valueOf(charged), BigInteger.valueOf(fee), BigInteger.valueOf(charged - fee));
        }
        BigInteger charged = floorDivide(cumulativeUsageValue, SECONDS_PER_HOUR);
        BigInteger fee = floorDivide(charged.multiply(BigInteger.valueOf(marketplaceFeeBps)), BPS_DENOMINATOR);
        return new Charges(charged, fee, charged.subtract(fee));
    }

    private static BigInteger floorDivide(BigInteger dividend, BigInteger divisor) {
        BigInteger[] quotientAndRemainder = dividend.divideAndRemainder(divisor);
        return quotientAndRemainder[1].signum() < 0 ? quotientAndRemainder[0].subtract(BigInteger.ONE)
                : quotientAndRemainder[0];
    }
}
