package io.gpuledger.config;

import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration
public class AggregateCacheConfig {

    /**
     * Keeps hot aggregates (leases, the settlement sequence) in memory up to about
     * {@code ledger.aggregate-cache-bytes} of heap: no command loads them again.
     */
    @Bean
    public Cache aggregateCache(@Value("${ledger.aggregate-cache-bytes}") DataSize maximum) {
        return new CaffeineAxonCache(maximum.toBytes(), new AggregateWeigher());
    }
}
