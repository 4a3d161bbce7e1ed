package io.gpuledger.settlement;

import io.gpuledger.settlement.api.Carried;
import io.gpuledger.settlement.api.Payout;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an epoch pays each address: the change in its provider units since the last close, netted
 * against the negative amount it carries. {@code payout = max(0, carried + change)},
 * {@code carried' = min(0, carried + change)}; a payout is never negative, and zero payouts are left out.
 */
record EpochPayouts(List<Payout> payouts, List<Carried> carried) {

    static EpochPayouts of(Map<String, BigInteger> changeByAccount, List<Carried> carriedBefore) {
        Map<String, BigInteger> net = new TreeMap<>(changeByAccount);
        for (Carried carried : carriedBefore) {
            net.merge(carried.account(), carried.carriedUnits(), BigInteger::add);
        }
        List<Payout> payouts = new ArrayList<>();
        List<Carried> carried = new ArrayList<>();
        net.forEach((account, units) -> {
            if (units.signum() > 0) {
                payouts.add(new Payout(account, units));
            } else if (units.signum() < 0) {
                carried.add(new Carried(account, units));
            }
        });
        return new EpochPayouts(payouts, carried);
    }
}
