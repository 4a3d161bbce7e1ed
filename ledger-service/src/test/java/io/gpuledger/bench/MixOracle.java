package io.gpuledger.bench;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the mix epoch must pay, computed apart from the ledger's code from the mix's own figures
 * (docs/MONEY.md): each lease's provider units, the capacity fees, the SLA credits and the pool's
 * shares, summed by payout address.
 */
final class MixOracle {

    private static final BigInteger BPS = BigInteger.valueOf(10_000);
    private static final BigInteger HOUR = BigInteger.valueOf(3600);

    final Map<String, BigInteger> payouts = new TreeMap<>();
    BigInteger feeChargedUnits = BigInteger.ZERO;
    BigInteger feeProviderUnits = BigInteger.ZERO;
    BigInteger slaCreditUnits = BigInteger.ZERO;
    int slaWindows;

    /** A GPU_HOUR lease with one report, credited {@code creditUnits} by its SLA window. */
    void usageLease(String account, long gpuSeconds, BigInteger price, int feeBps, BigInteger creditUnits) {
        BigInteger charged = BigInteger.valueOf(gpuSeconds).multiply(price).divide(HOUR).subtract(creditUnits);
        pay(account, provider(charged, feeBps));
    }

    /** A capacity lease without energy: whole seconds × feeUnitsPerHour / 3600, floored once. */
    void capacityLease(String account, long seconds, BigInteger feeUnitsPerHour, int feeBps) {
        BigInteger charged = BigInteger.valueOf(seconds).multiply(feeUnitsPerHour).divide(HOUR);
        BigInteger provider = provider(charged, feeBps);
        feeChargedUnits = feeChargedUnits.add(charged);
        feeProviderUnits = feeProviderUnits.add(provider);
        pay(account, provider);
    }

    /** The credit of one window: floor(window charges × creditBps / 10000) at the first tier the uptime is under. */
    BigInteger slaCredit(long gpuSeconds, BigInteger price, long activeSeconds, long downSeconds) {
        long uptimeBps = 10_000L * (activeSeconds - downSeconds) / activeSeconds;
        int creditBps = uptimeBps < EpochMixBench.TIER_2_BELOW_BPS ? EpochMixBench.TIER_2_CREDIT_BPS
                : uptimeBps < EpochMixBench.TIER_1_BELOW_BPS ? EpochMixBench.TIER_1_CREDIT_BPS : 0;
        BigInteger windowCharges = BigInteger.valueOf(gpuSeconds).multiply(price).divide(HOUR);
        BigInteger credit = windowCharges.multiply(BigInteger.valueOf(creditBps)).divide(BPS);
        slaCreditUnits = slaCreditUnits.add(credit);
        slaWindows++;
        return credit;
    }

    /** Largest remainders, ties to the lower address: shares that add up to the amount. */
    Map<String, BigInteger> pool(BigInteger amount, Map<String, BigInteger> weights) {
        BigInteger total = weights.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        record Part(String account, BigInteger share, BigInteger remainder) {
        }
        List<Part> parts = new ArrayList<>();
        BigInteger left = amount;
        for (Map.Entry<String, BigInteger> weight : weights.entrySet()) {
            BigInteger[] split = amount.multiply(weight.getValue()).divideAndRemainder(total);
            parts.add(new Part(weight.getKey(), split[0], split[1]));
            left = left.subtract(split[0]);
        }
        parts.sort(Comparator.comparing(Part::remainder).reversed()
                .thenComparing(part -> part.account().toLowerCase(Locale.ROOT)));
        Map<String, BigInteger> shares = new TreeMap<>();
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            BigInteger share = i < left.intValueExact() ? part.share().add(BigInteger.ONE) : part.share();
            if (share.signum() > 0) {
                shares.put(part.account(), share);
                pay(part.account(), share);
            }
        }
        return shares;
    }

    private static BigInteger provider(BigInteger charged, int feeBps) {
        return charged.subtract(charged.multiply(BigInteger.valueOf(feeBps)).divide(BPS));
    }

    private void pay(String account, BigInteger units) {
        payouts.merge(account, units, BigInteger::add);
    }
}
