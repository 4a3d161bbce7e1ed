package io.gpuledger.lease.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigInteger;

/** GPU-seconds at a price per GPU-hour; a lease event stores it as its {@code priceUnitsPerGpuHour}. */
public record GpuHourPricing(BigInteger priceUnitsPerGpuHour) implements LeasePricing {

    public static final String KIND = "GPU_HOUR";

    @Override
    @JsonIgnore
    public String kind() {
        return KIND;
    }
}
