package io.gpuledger.lease;

import io.gpuledger.account.TenantAccount;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;

/**
 * A fixture of the Lease aggregate with the handlers that load it: usage (UsageAcrossLeases) and
 * corrections (LeaseCorrections), the tenant accounts of prepaid leases kept in {@code accountEvents}.
 */
final class LeaseFixtures {

    private LeaseFixtures() {
    }

    /** Tenant accounts in the fixture's own event store: for postpaid leases, which never load one. */
    static FixtureConfiguration<Lease> postpaid() {
        AggregateTestFixture<Lease> fixture = new AggregateTestFixture<>(Lease.class);
        return withHandlers(fixture, fixture.getEventStore());
    }

    /**
     * Tenant accounts in an event store of their own: the fixture's holds one aggregate's events, and
     * a prepaid lease's usage loads its tenant's account beside it.
     */
    static FixtureConfiguration<Lease> withAccountsIn(EventStore accountEvents) {
        return withHandlers(new AggregateTestFixture<>(Lease.class), accountEvents);
    }

    private static FixtureConfiguration<Lease> withHandlers(AggregateTestFixture<Lease> fixture, EventStore accountEvents) {
        Repository<TenantAccount> repository =
                EventSourcingRepository.builder(TenantAccount.class).eventStore(accountEvents).build();
        TenantAccounts accounts = new TenantAccounts(repository);
        fixture.registerAnnotatedCommandHandler(new UsageAcrossLeases(fixture.getRepository(), accounts));
        fixture.registerAnnotatedCommandHandler(new LeaseCorrections(fixture.getRepository(), accounts));
        return fixture;
    }
}
