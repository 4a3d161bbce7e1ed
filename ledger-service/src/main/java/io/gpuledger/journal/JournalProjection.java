package io.gpuledger.journal;

import io.gpuledger.account.api.DepositRecordedEvent;
import io.gpuledger.account.api.HeldChargesReleasedEvent;
import io.gpuledger.account.api.TenantChargedEvent;
import io.gpuledger.lease.api.CapacityFeeAccruedEvent;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.LeaseAdjustedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.EpochFundedEvent;
import io.gpuledger.settlement.api.PayoutBatchConfirmedEvent;
import io.gpuledger.settlement.api.PayoutClaimedEvent;
import io.gpuledger.settlement.api.RewardPoolsSettledEvent;
import java.math.BigDecimal;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
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

    private final JdbcTemplate jdbc;
    private final JournalLeases leases;

    JournalProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
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

    private void post(Object event, EventMessage<?> message, TrackingToken token) {
        long globalIndex = token.position().orElseThrow(() ->
                new IllegalStateException("the journal's token names no position for event " + message.getIdentifier()));
        List<Posting> postings = PostingRules.postingsOf(event, leases);
        for (int line = 0; line < postings.size(); line++) {
            JournalEntry entry = JournalEntry.of(globalIndex, line, message.getIdentifier(), event, postings.get(line));
            BigDecimal amount = new BigDecimal(entry.amountUnits());
            jdbc.update("""
                    INSERT INTO journal_entry (global_index, line, event_id, event_type, account, kind, amount_units)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, globalIndex, line, entry.eventId(), entry.eventType(), entry.account().name(),
                    entry.account().kind().name(), amount);
            jdbc.update("""
                    INSERT INTO journal_balance AS b (account, kind, balance_units) VALUES (?, ?, ?)
                    ON CONFLICT (account) DO UPDATE SET balance_units = b.balance_units + excluded.balance_units
                    """, entry.account().name(), entry.account().kind().name(), amount);
        }
    }
}
