package io.gpuledger.lease;

import java.math.BigInteger;
import java.time.Instant;
import java.util.TreeMap;

/** A lease's price per GPU-hour over time: each price holds from its moment until the next. */
final class PriceSchedule {

    private final TreeMap<Instant, BigInteger> pricesFrom = new TreeMap<>();

    PriceSchedule(Instant startsAt, BigInteger initialPrice) {
        pricesFrom.put(startsAt, initialPrice);
    }

    void change(Instant effectiveFrom, BigInteger price) {
        pricesFrom.put(effectiveFrom, price);
    }

    BigInteger priceAt(Instant moment) {
        return pricesFrom.floorEntry(moment).getValue();
    }

    Instant latestChange() {
        return pricesFrom.lastKey();
    }
}
