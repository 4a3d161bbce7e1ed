package io.gpuledger.reliability;

import io.gpuledger.platform.Page;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A provider's reliability: a page of its leases with an SLA, each with its windows, and its average
 * uptime and seconds over all of them (every page shows the same).
 */
@Schema(name = "ProviderReliability")
record ReliabilityJson(String providerId,
                       @Schema(description = "floor(10000 × Σ(active − down seconds) / Σ active seconds) over every window of every page; null without any", nullable = true)
                       Integer averageUptimeBps,
                       long activeSeconds, long downSeconds, List<Lease> leases,
                       @Schema(nullable = true, description = "The cursor of the next page of leases; null after the last") String nextCursor) {

    @Schema(name = "LeaseReliability")
    record Lease(String marketplaceId, String leaseId, int uptimeTargetBps, List<Window> windows) {
    }

    @Schema(name = "SlaWindowReliability")
    record Window(@Schema(example = "2026-11") String window, Instant windowStart, Instant windowEnd,
                  @Schema(allowableValues = {"OPEN", "CLOSED"}) String state, long activeSeconds, long downSeconds,
                  int uptimeBps, @Schema(nullable = true) Integer creditBps,
                  @Schema(nullable = true, description = "The credit recorded when the window closed") String creditUnits) {
    }

    static ReliabilityJson of(String providerId, List<Reliability.LeaseReliability> leases,
                              Page<Reliability.LeaseReliability> page) {
        long active = 0;
        long down = 0;
        for (Reliability.LeaseReliability lease : leases) {
            for (ReliabilityWindow window : lease.windows()) {
                active += window.activeSeconds();
                down += window.downSeconds();
            }
        }
        return new ReliabilityJson(providerId, Reliability.averageUptimeBps(leases), active, down,
                page.items().stream().map(lease -> new Lease(lease.marketplaceId(), lease.leaseId(), lease.uptimeTargetBps(),
                        lease.windows().stream().map(ReliabilityJson::window).toList())).toList(), page.nextCursor());
    }

    private static Window window(ReliabilityWindow w) {
        return new Window(w.window(), w.windowStart(), w.windowEnd(), w.state(), w.activeSeconds(), w.downSeconds(),
                w.uptimeBps(), w.creditBps(), w.creditUnits() == null ? null : w.creditUnits().toString());
    }
}
