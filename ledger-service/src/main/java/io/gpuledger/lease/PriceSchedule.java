package io.gpuledger.lease;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A lease's price per GPU-hour over time: each price holds from its moment until the next. */
final class PriceSchedule {

    private final TreeMap<Instant, BigInteger> pricesFrom = new TreeMap<>();

    PriceSchedule(Instant startsAt, BigInteger initialPrice) {
        pricesFrom.put(startsAt, initialPrice);
    }

    private PriceSchedule() {
    }

    static PriceSchedule of(Map<Instant, BigInteger> pricesFrom) {
        PriceSchedule schedule = new PriceSchedule();
        schedule.pricesFrom.putAll(pricesFrom);
        return schedule;
    }

    void change(Instant effectiveFrom, BigInteger price) {
        pricesFrom.put(effectiveFrom, price);
    }

    BigInteger priceAt(Instant moment) {
        return pricesFrom.floorEntry(moment).getValue();
    }

    /** Each price by the moment it holds from, in order. */
    Map<Instant, BigInteger> pricesFrom() {
        return Collections.unmodifiableMap(pricesFrom);
    }

    Instant latestChange() {
        return pricesFrom.lastKey();
    }
}
