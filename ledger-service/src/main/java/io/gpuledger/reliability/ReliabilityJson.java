package io.gpuledger.reliability;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A provider's reliability: each window of each of its leases with an SLA, and its average uptime. */
@Schema(name = "ProviderReliability")
record ReliabilityJson(String providerId,
                       @Schema(description = "floor(10000 × Σ(active − down seconds) / Σ active seconds) over every window listed; null without any", nullable = true)
                       Integer averageUptimeBps,
                       long activeSeconds, long downSeconds, List<Lease> leases) {

    @Schema(name = "LeaseReliability")
    record Lease(String marketplaceId, String leaseId, int uptimeTargetBps, List<Window> windows) {
    }

    @Schema(name = "SlaWindowReliability")
    record Window(@Schema(example = "2026-11") String window, Instant windowStart, Instant windowEnd,
                  @Schema(allowableValues = {"OPEN", "CLOSED"}) String state, long activeSeconds, long downSeconds,
                  int uptimeBps, @Schema(nullable = true) Integer creditBps,
                  @Schema(nullable = true, description = "The credit recorded when the window closed") String creditUnits) {
    }

    static ReliabilityJson of(String providerId, List<Reliability.LeaseReliability> leases) {
        long active = 0;
        long down = 0;
        for (Reliability.LeaseReliability lease : leases) {
            for (ReliabilityWindow window : lease.windows()) {
                active += window.activeSeconds();
                down += window.downSeconds();
            }
        }
        return new ReliabilityJson(providerId, Reliability.averageUptimeBps(leases), active, down,
                leases.stream().map(lease -> new Lease(lease.marketplaceId(), lease.leaseId(), lease.uptimeTargetBps(),
                        lease.windows().stream().map(ReliabilityJson::window).toList())).toList());
    }

    private static Window window(ReliabilityWindow w) {
        return new Window(w.window(), w.windowStart(), w.windowEnd(), w.state(), w.activeSeconds(), w.downSeconds(),
                w.uptimeBps(), w.creditBps(), w.creditUnits() == null ? null : w.creditUnits().toString());
    }
}
