package io.gpuledger.lease;

import io.gpuledger.eventstore.StreamPrefetch;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Reads the histories of the leases a batch command is about to load with one query, but for those
 * the aggregate cache holds: loading 200 leases one by one cost 200 snapshot lookups and 200 event
 * queries, most of an epoch close's time over capacity leases and SLA windows.
 *
 * <p>The read comes before the leases' locks, which their loads take: a lease that another request on
 * this instance appends to in between is decided on the history read, so its batch loses the race for
 * the next sequence number and runs again. The epoch close's batches accept that rare retry; the usage
 * path, where many requests write the same leases at once, reads each lease after taking its lock.
 */
@Component
class LeasePrefetch {

    private final StreamPrefetch streams;
    private final Cache cache;

    LeasePrefetch(StreamPrefetch streams, @Qualifier("aggregateCache") Cache cache) {
        this.streams = streams;
        this.cache = cache;
    }

    void prefetch(List<String> leaseKeys) {
        if (leaseKeys.size() > 1) {
            streams.prefetch(leaseKeys.stream().filter(key -> !cache.containsKey(key)).toList());
        }
    }
}
