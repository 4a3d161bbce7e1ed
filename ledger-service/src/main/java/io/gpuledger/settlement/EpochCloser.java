package io.gpuledger.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.audit.EventSealer;
import io.gpuledger.audit.EventStoreCut;
import io.gpuledger.audit.EventStoreReader;
import io.gpuledger.platform.LedgerTransactions;
import io.gpuledger.settlement.api.CloseEpochCommand;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.api.Payout;
import io.gpuledger.settlement.api.SettlementId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Closes the current epoch: takes a cut of the event store, reads every event since the last cut
 * once, sums each payout address's provider units, builds both Merkle roots and records it all in
 * one {@link EpochClosedEvent}. Zero payouts are left out.
 */
@Component
public class EpochCloser {

    private final EventStoreCut cut;
    private final EventSealer sealer;
    private final EventStoreReader events;
    private final PayoutAddresses payoutAddresses;
    private final CommandGateway commands;
    private final LedgerTransactions transactions;
    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    EpochCloser(EventStoreCut cut, EventSealer sealer, EventStoreReader events, PayoutAddresses payoutAddresses, CommandGateway commands,
                LedgerTransactions transactions, JdbcTemplate jdbc,
                @Qualifier("defaultAxonObjectMapper") ObjectMapper json) {
        this.cut = cut;
        this.sealer = sealer;
        this.events = events;
        this.payoutAddresses = payoutAddresses;
        this.commands = commands;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.json = json;
    }

    public record ClosedEpoch(long epoch, long fromGlobalIndex, long toGlobalIndex, long eventCount, int payoutCount,
                              BigInteger totalUnits, String payoutRoot, String eventsRoot) {
    }

    /**
     * The events root is built from the seals: the sealer hashes events in the background as they
     * arrive, so a close only hashes what was stored since the last seal.
     */
    public ClosedEpoch close() {
        LastClose last = lastClose();
        long to = cut.take();
        sealer.sealThrough(to);
        List<byte[]> eventHashes = sealer.eventHashes(last.cut(), to);
        EpochAccrual accrual = new EpochAccrual(json);
        events.forEachOfTypeInRange(EpochAccrual.USAGE_RECORDED, last.cut(), to, accrual::add);

        List<Payout> payouts = payouts(accrual.providerUnitsByLease());
        BigInteger total = payouts.stream().map(Payout::amountUnits).reduce(BigInteger.ZERO, BigInteger::add);
        String payoutRoot = EpochRoots.payoutRoot(payouts);
        String eventsRoot = EpochRoots.eventsRoot(eventHashes);
        CloseEpochCommand command = new CloseEpochCommand(last.epoch() + 1, last.cut(), to,
                eventHashes.size(), payouts, total, payoutRoot, eventsRoot);
        transactions.inTransaction(() -> commands.sendAndWait(command));
        return new ClosedEpoch(command.epoch(), last.cut(), to, command.eventCount(), payouts.size(), total,
                payoutRoot, eventsRoot);
    }

    private List<Payout> payouts(Map<String, BigInteger> providerUnitsByLease) {
        Map<String, String> addresses = payoutAddresses.of(new ArrayList<>(providerUnitsByLease.keySet()));
        Map<String, BigInteger> byAccount = new TreeMap<>();
        providerUnitsByLease.forEach((lease, units) -> byAccount.merge(addresses.get(lease), units, BigInteger::add));
        return byAccount.entrySet().stream()
                .filter(e -> e.getValue().signum() > 0)
                .map(e -> new Payout(e.getKey(), e.getValue()))
                .toList();
    }

    private record LastClose(long epoch, long cut) {
    }

    /** Read from the event store itself: the settlement aggregate's latest event is the last close. */
    private LastClose lastClose() {
        List<byte[]> latest = jdbc.query("SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? "
                        + "AND payload_type = ? ORDER BY sequence_number DESC LIMIT 1", (rs, i) -> rs.getBytes(1),
                SettlementId.VALUE, EpochClosedEvent.class.getName());
        if (latest.isEmpty()) {
            return new LastClose(0, 0);
        }
        try {
            JsonNode closed = json.readTree(latest.get(0));
            return new LastClose(closed.get("epoch").asLong(), closed.get("toGlobalIndex").asLong());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
