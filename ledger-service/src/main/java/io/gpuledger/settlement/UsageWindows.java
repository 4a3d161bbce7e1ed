package io.gpuledger.settlement;

import io.gpuledger.eventstore.StoredEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageDisputeResolvedEvent;
import io.gpuledger.lease.api.UsageDisputedEvent;
import io.gpuledger.lease.api.UsageRecordedEvent;
import io.gpuledger.lease.api.UsageVoidedEvent;
import io.gpuledger.settlement.api.WithheldUsage;
import io.gpuledger.settlement.api.WithheldUsage.WithholdReason;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which signed usage an epoch leaves out: a report the tenant did not countersign stays out while
 * its dispute window is open at the close ({@code windowEnd > closedAt}) and while it is disputed;
 * it settles in the first close after its window ends or its dispute is resolved (or it is voided).
 * A report's provider units are its slice of the lease's cumulative units (docs/MONEY.md), so moving
 * a whole slice from one epoch to a later one changes when, never how much: every slice is paid
 * exactly once. A VOID outcome releases the report's slice in the same epoch as the void's
 * compensating slice, so the two net to what the cumulative rule makes of the lease.
 *
 * <p>The reports withheld are carried from close to close in {@link
 * io.gpuledger.settlement.api.EpochClosedEvent#withheldUsage()}, as the carried amounts are, so a close
 * reads no history before its own range.
 */
final class UsageWindows {

    static final List<Class<?>> EVENT_TYPES = List.of(UsageRecordedEvent.class, UsageDisputedEvent.class,
            UsageDisputeResolvedEvent.class, UsageVoidedEvent.class);

    private record Candidate(String marketplaceId, String leaseId, String reportId, BigInteger providerUnits,
                             Instant recordedAt, Instant windowEndsAt, boolean disputed, boolean fromEarlierEpoch) {
    }

    private final Map<String, Candidate> candidates = new LinkedHashMap<>();
    private final Set<String> disputed = new HashSet<>();
    private final Set<String> settled = new HashSet<>();
    private final List<WithheldUsage> withheld = new ArrayList<>();
    private final List<WithheldUsage> released = new ArrayList<>();

    UsageWindows(List<WithheldUsage> withheldBefore) {
        for (WithheldUsage w : withheldBefore) {
            candidates.put(key(w.marketplaceId(), w.leaseId(), w.reportId()), new Candidate(w.marketplaceId(),
                    w.leaseId(), w.reportId(), w.providerUnits(), null, w.windowEndsAt(),
                    w.reason() == WithholdReason.DISPUTED, true));
        }
    }

    void add(StoredEvent stored, Object event) {
        if (event instanceof UsageRecordedEvent usage) {
            for (RecordedUsage report : usage.reports()) {
                if (report.signature() != null && !report.countersigned()) {
                    candidates.put(key(usage.marketplaceId(), usage.leaseId(), report.reportId()), new Candidate(
                            usage.marketplaceId(), usage.leaseId(), report.reportId(), report.providerUnits(),
                            Instant.parse(stored.recordedAt()), null, false, false));
                }
            }
        } else if (event instanceof UsageDisputedEvent d) {
            disputed.add(key(d.marketplaceId(), d.leaseId(), d.reportId()));
        } else if (event instanceof UsageDisputeResolvedEvent r) {
            settled.add(key(r.marketplaceId(), r.leaseId(), r.reportId()));
        } else if (event instanceof UsageVoidedEvent v) {
            settled.add(key(v.marketplaceId(), v.leaseId(), v.reportId()));
        }
    }

    /** The leases whose dispute windows the close needs: those of reports recorded in its range. */
    List<String> leasesToLookUp() {
        return candidates.values().stream().filter(c -> !c.fromEarlierEpoch())
                .map(c -> LeaseKey.of(c.marketplaceId(), c.leaseId())).distinct().toList();
    }

    /**
     * Decides every candidate at {@code closedAt}, with each lease's opening event, and moves the
     * provider units of what it withholds from this epoch's reports, and of what it releases from
     * earlier epochs, in {@code accrual}.
     */
    void decide(Instant closedAt, Function<String, LeaseOpenedEvent> leases, EpochAccrual accrual) {
        for (Map.Entry<String, Candidate> entry : candidates.entrySet()) {
            Candidate c = entry.getValue();
            Instant windowEnd = c.windowEndsAt() != null ? c.windowEndsAt()
                    : c.recordedAt().plusSeconds(windowOf(leases.apply(LeaseKey.of(c.marketplaceId(), c.leaseId()))));
            WithholdReason reason = settled.contains(entry.getKey()) ? null
                    : c.disputed() || disputed.contains(entry.getKey()) ? WithholdReason.DISPUTED
                    : windowEnd.isAfter(closedAt) ? WithholdReason.IN_DISPUTE_WINDOW : null;
            WithheldUsage usage = new WithheldUsage(c.marketplaceId(), c.leaseId(), c.reportId(),
                    reason == null ? (c.disputed() ? WithholdReason.DISPUTED : WithholdReason.IN_DISPUTE_WINDOW) : reason,
                    c.providerUnits(), windowEnd);
            if (reason != null) {
                withheld.add(usage);
                if (!c.fromEarlierEpoch()) {
                    accrual.adjust(c.marketplaceId(), c.leaseId(), c.providerUnits().negate());
                }
            } else if (c.fromEarlierEpoch()) {
                released.add(usage);
                accrual.adjust(c.marketplaceId(), c.leaseId(), c.providerUnits());
            }
        }
    }

    private static long windowOf(LeaseOpenedEvent opened) {
        return opened == null || opened.disputeWindowSeconds() == null ? 0 : opened.disputeWindowSeconds();
    }

    List<WithheldUsage> withheld() {
        return withheld;
    }

    /** The reports of earlier epochs this one pays, each with the reason it was withheld for last. */
    List<WithheldUsage> released() {
        return released;
    }

    private static String key(String marketplaceId, String leaseId, String reportId) {
        return LeaseKey.of(marketplaceId, leaseId) + "\n" + reportId;
    }
}
