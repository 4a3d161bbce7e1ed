package io.gpuledger.lease.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How a lease's usage and time are valued (docs/MONEY.md, "Pricing kinds"). Stored as an object
 * whose {@code kind} names the record.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = GpuHourPricing.class, name = GpuHourPricing.KIND),
        @JsonSubTypes.Type(value = CapacityPricing.class, name = CapacityPricing.KIND)})
public sealed interface LeasePricing permits GpuHourPricing, CapacityPricing {

    String kind();
}
