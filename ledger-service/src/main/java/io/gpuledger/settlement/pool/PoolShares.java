package io.gpuledger.settlement.pool;

import io.gpuledger.settlement.api.PoolShare;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The one rule that splits a reward pool (docs/MONEY.md, "Reward pools"): each account gets
 * {@code floor(amount × weight / Σ weights)}; the units that leaves over, fewer than the accounts with
 * a remainder, go one each to the accounts with the largest remainders {@code amount × weight mod Σ weights},
 * ties to the lower address, compared as 20-byte numbers. A zero weight has no remainder and gets nothing.
 */
public final class PoolShares {

    private PoolShares() {
    }

    /** The positive shares, in ascending address order; they add up to {@code amountUnits}. */
    public static List<PoolShare> split(BigInteger amountUnits, Map<String, BigInteger> weightByAccount) {
        BigInteger total = weightByAccount.values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        if (total.signum() <= 0 || amountUnits.signum() < 0) {
            throw new IllegalArgumentException("a pool needs a positive weight and a non-negative amount");
        }
        List<Quota> quotas = new ArrayList<>(weightByAccount.size());
        BigInteger floored = BigInteger.ZERO;
        for (Map.Entry<String, BigInteger> entry : weightByAccount.entrySet()) {
            BigInteger[] division = amountUnits.multiply(entry.getValue()).divideAndRemainder(total);
            quotas.add(new Quota(entry.getKey(), division[0], division[1]));
            floored = floored.add(division[0]);
        }
        quotas.sort(Comparator.comparing(Quota::remainder).reversed().thenComparing(Quota::numericAddress));
        int leftOver = amountUnits.subtract(floored).intValueExact();
        List<PoolShare> shares = new ArrayList<>(quotas.size());
        for (int i = 0; i < quotas.size(); i++) {
            Quota quota = quotas.get(i);
            BigInteger share = i < leftOver ? quota.floor().add(BigInteger.ONE) : quota.floor();
            if (share.signum() > 0) {
                shares.add(new PoolShare(quota.account(), share));
            }
        }
        shares.sort(Comparator.comparing(share -> numeric(share.account())));
        return shares;
    }

    /**
     * An address's place in numeric order: its 40 hex digits in lower case. Fixed width and ASCII
     * '0'-'9' before 'a'-'f', so comparing these strings compares the 20-byte values.
     */
    public static String numeric(String address) {
        return address.toLowerCase(java.util.Locale.ROOT);
    }

    private record Quota(String account, BigInteger floor, BigInteger remainder) {

        String numericAddress() {
            return numeric(account);
        }
    }
}
