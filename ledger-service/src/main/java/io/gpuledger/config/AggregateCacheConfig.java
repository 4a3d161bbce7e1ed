package io.gpuledger.config;

import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AggregateCacheConfig {

    /** Keeps hot aggregates (leases, the settlement sequence) in memory: no command replays a whole history. */
    @Bean
    public Cache aggregateCache(@Value("${ledger.aggregate-cache-size}") long maximumAggregates) {
        return new CaffeineAxonCache(maximumAggregates);
    }
}
