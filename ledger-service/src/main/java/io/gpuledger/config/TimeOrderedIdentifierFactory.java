package io.gpuledger.config;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.common.IdentifierFactory;

/**
 * Axon's message and event identifiers as UUIDs of version 7 (RFC 9562): 48 bits of Unix time in
 * milliseconds, then random bits. Identifiers that grow with time make the event store's unique
 * index on event_identifier take each insert near its right edge, where random identifiers touch a
 * random page of an index that grows with every event. The random bits come from
 * {@link ThreadLocalRandom} rather than the shared, locked generator behind
 * {@link UUID#randomUUID()}: the identifiers must be unique, not secret, and the unique index
 * refuses a duplicate (its transaction rolls back and the request can be sent again).
 *
 * <p>Axon finds it through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class TimeOrderedIdentifierFactory extends IdentifierFactory {

    private static final long VERSION_7 = 0x7000L;
    private static final long VARIANT_RFC = 0x8000_0000_0000_0000L;

    @Override
    public String generateIdentifier() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long mostSignificant = System.currentTimeMillis() << 16 | VERSION_7 | random.nextLong() & 0x0FFFL;
        long leastSignificant = VARIANT_RFC | random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL;
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}
