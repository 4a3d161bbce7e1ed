package io.gpuledger.lease;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;

/** A lease as Axon sources it from events (its members' handlers included), each event stored at {@code storedAt}. */
final class LeaseFromEvents {

    private LeaseFromEvents() {
    }

    static Lease load(String leaseKey, List<Object> events, Instant storedAt) {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        publish(store, leaseKey, events, storedAt);
        EventSourcingRepository<Lease> leases = EventSourcingRepository.builder(Lease.class).eventStore(store).build();
        return DefaultUnitOfWork.startAndGet(null)
                .executeWithResult(() -> leases.load(leaseKey).invoke(lease -> lease)).getPayload();
    }

    static void publish(EmbeddedEventStore store, String leaseKey, List<Object> events, Instant storedAt) {
        long sequence = 0;
        for (Object event : events) {
            store.publish(new GenericDomainEventMessage<>("Lease", leaseKey, sequence++, event, MetaData.emptyInstance(),
                    UUID.randomUUID().toString(), storedAt));
        }
    }
}
