package io.gpuledger.operations;

import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Readiness of the projections ("projections" in the readiness group): down while any tracking
 * processor trails the event store's head by more than {@code ledger.readiness.max-projection-lag}
 * positions, as when a view is rebuilt from the start, so a load balancer sends reads elsewhere.
 */
@Component("projections")
class ProjectionsHealth implements HealthIndicator {

    private final ProjectionLag lag;
    private final long maxLag;

    ProjectionsHealth(ProjectionLag lag, @Value("${ledger.readiness.max-projection-lag:10000}") long maxLag) {
        this.lag = lag;
        this.maxLag = maxLag;
    }

    @Override
    public Health health() {
        Map<String, Long> behind = lag.processors();
        boolean caughtUp = behind.values().stream().allMatch(positions -> positions <= maxLag);
        return (caughtUp ? Health.up() : Health.outOfService()).withDetail("lag", behind)
                .withDetail("maxLag", maxLag).build();
    }
}
