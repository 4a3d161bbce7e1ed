package io.gpuledger.lease.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigInteger;

/**
 * A site leased by power: a fee accruing with lease time and the energy reported as usage, at most
 * {@code capacityKw} over any period. The rates are those at the open; price changes follow.
 */
public record CapacityPricing(long capacityKw, BigInteger feeUnitsPerHour, BigInteger energyUnitsPerKwh)
        implements LeasePricing {

    public static final String KIND = "CAPACITY";

    @Override
    @JsonIgnore
    public String kind() {
        return KIND;
    }
}
