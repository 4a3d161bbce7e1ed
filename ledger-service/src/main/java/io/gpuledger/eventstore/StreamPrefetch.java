package io.gpuledger.eventstore;

import java.util.Collection;

/**
 * Reads the event streams of many aggregates at once for the current unit of work, which is about
 * to load them: their loads then take what was read instead of querying one by one.
 */
public interface StreamPrefetch {

    void prefetch(Collection<String> aggregateIds);
}
