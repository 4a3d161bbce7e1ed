package io.gpuledger.config;

import com.github.benmanes.caffeine.cache.Weigher;
import io.gpuledger.lease.Lease;
import java.lang.reflect.Field;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * Weighs a cached aggregate by its estimated bytes of heap: a lease by {@link Lease#estimatedBytes},
 * any other aggregate (a tenant account, the settlement) at {@link #OTHER_AGGREGATE_BYTES}. Axon
 * caches an AggregateCacheEntry and puts it again at each commit, so a lease is weighed anew as it
 * changes. The entry has no accessor for its aggregate, so its field is read by reflection.
 */
final class AggregateWeigher implements Weigher<Object, Object> {

    static final int OTHER_AGGREGATE_BYTES = 2_000;
    private static final Field AGGREGATE_ROOT = aggregateRootField();

    @Override
    public int weigh(Object key, Object value) {
        return weightOf(value instanceof AggregateCacheEntry<?> entry ? rootOf(entry) : value);
    }

    static int weightOf(Object aggregate) {
        long bytes = aggregate instanceof Lease lease ? lease.estimatedBytes() : OTHER_AGGREGATE_BYTES;
        return (int) Math.min(Integer.MAX_VALUE, bytes);
    }

    private static Object rootOf(AggregateCacheEntry<?> entry) {
        try {
            return AGGREGATE_ROOT.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read a cached aggregate", e);
        }
    }

    private static Field aggregateRootField() {
        try {
            Field field = AggregateCacheEntry.class.getDeclaredField("aggregateRoot");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry no longer has an aggregateRoot field", e);
        }
    }
}
