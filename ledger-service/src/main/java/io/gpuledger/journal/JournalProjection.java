package io.gpuledger.journal;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.settlement.api.PayoutBatchConfirmedEvent;
import io.gpuledger.settlement.api.PayoutClaimedEvent;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Posts each event's entries (PostingRules) to journal_entry and adds them to journal_balance, in
 * the 'journal' processor's transaction, which also moves its token. One segment: a prepaid draw
 * names a lease opened by an earlier event of another stream, and entries stay in global order.
 * Resetting its token rebuilds the journal.
 */
@Component
@ProcessingGroup(JournalProjection.PROCESSING_GROUP)
public class JournalProjection {

    public static final String PROCESSING_GROUP = "journal";

    private static final String PENDING = JournalProjection.class.getName() + ".pending";

    private final JdbcTemplate jdbc;
    private final EventStoreReader events;
    private final JournalLeases leases;

    JournalProjection(JdbcTemplate jdbc, EventStoreReader events) {
        this.jdbc = jdbc;
        this.events = events;
        this.leases = new JournalLeases(jdbc);
    }

    @EventHandler
    void on(LeaseOpenedEvent e) {
        leases.add(e.marketplaceId(), e.leaseId(), JournalLease.of(e));
    }

    @EventHandler
    void on(DepositRecordedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(UsageRecordedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(UsageVoidedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(LeaseAdjustedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(CapacityFeeAccruedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(TenantChargedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(HeldChargesReleasedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(EpochFundedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(RewardPoolsSettledEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(PayoutBatchConfirmedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @EventHandler
    void on(PayoutClaimedEvent e, EventMessage<?> message, TrackingToken token) {
        post(e, message, token);
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE journal_entry, journal_balance, journal_lease");
    }

    /**
     * Keeps the event's postings until its batch commits: entries are keyed by their event's place in
     * the store, which the batch asks the store for once ({@link EventStoreReader#globalIndexesOf}),
     * since the token of an event committed after a later one holds the later one's index.
     */
    private void post(Object event, EventMessage<?> message, TrackingToken token) {
        List<Posting> postings = PostingRules.postingsOf(event, leases);
        if (postings.isEmpty()) {
            return;
        }
        if (!CurrentUnitOfWork.isStarted()) {
            write(List.of(new Pending(message.getIdentifier(), event, postings)));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<Pending> pending = batch.getOrComputeResource(PENDING, key -> {
            List<Pending> created = new ArrayList<>();
            batch.onPrepareCommit(u -> write(created));
            return created;
        });
        pending.add(new Pending(message.getIdentifier(), event, postings));
    }

    private record Pending(String eventId, Object event, List<Posting> postings) {
    }

    private void write(List<Pending> pending) {
        Map<String, Long> places = events.globalIndexesOf(pending.stream().map(Pending::eventId).toList());
        List<Object[]> entries = new ArrayList<>();
        // One change per account: the driver sends a batch as one multi-row statement, in which an upsert
        // may touch an account once.
        Map<JournalAccount, BigDecimal> changes = new LinkedHashMap<>();
        for (Pending event : pending) {
            Long globalIndex = places.get(event.eventId());
            if (globalIndex == null) {
                throw new IllegalStateException("event " + event.eventId() + " is not in the event store");
            }
            for (int line = 0; line < event.postings().size(); line++) {
                JournalEntry entry = JournalEntry.of(globalIndex, line, event.eventId(), event.event(),
                        event.postings().get(line));
                BigDecimal amount = new BigDecimal(entry.amountUnits());
                entries.add(new Object[] {globalIndex, line, entry.eventId(), entry.eventType(), entry.account().name(),
                        entry.account().kind().name(), amount});
                changes.merge(entry.account(), amount, BigDecimal::add);
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO journal_entry (global_index, line, event_id, event_type, account, kind, amount_units)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, entries);
        jdbc.batchUpdate("""
                INSERT INTO journal_balance AS b (account, kind, balance_units) VALUES (?, ?, ?)
                ON CONFLICT (account) DO UPDATE SET balance_units = b.balance_units + excluded.balance_units
                """, changes.entrySet().stream().map(change -> new Object[] {change.getKey().name(),
                        change.getKey().kind().name(), change.getValue()}).toList());
    }
}
