package io.gpuledger.lease.api;

import java.util.List;

/**
 * A lease's service level: the uptime it targets and its credit tiers, in basis points. Each UTC
 * calendar month of the lease is a window (docs/MONEY.md, "SLA credits").
 */
public record Sla(int uptimeTargetBps, List<SlaCreditTier> credits) {

    public Sla {
        credits = List.copyOf(credits);
    }

    /** The largest creditBps among the tiers whose belowBps the uptime is under; 0 when none is. */
    public int creditBpsFor(int uptimeBps) {
        int credit = 0;
        for (SlaCreditTier tier : credits) {
            if (uptimeBps < tier.belowBps()) {
                credit = Math.max(credit, tier.creditBps());
            }
        }
        return credit;
    }
}
