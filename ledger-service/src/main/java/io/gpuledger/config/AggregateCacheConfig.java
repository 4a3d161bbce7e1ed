package io.gpuledger.config;

import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
public class AggregateCacheConfig {

    /** Keeps hot leases in memory so that recording usage never replays a lease's whole history. */
    @Bean
    public Cache leaseCache(@Value("${ledger.lease-cache-size}") long maximumLeases) {
        return new CaffeineAxonCache(maximumLeases);
    }
}
