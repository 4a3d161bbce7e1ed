package io.gpuledger.lease.api;

import java.util.List;

/** One lease's part of a {@link RecordUsageAcrossLeasesCommand}: an outcome per report, or none when the lease was not found. */
public record LeaseUsageOutcomes(boolean leaseFound, List<UsageOutcome> outcomes) {

    public static LeaseUsageOutcomes of(List<UsageOutcome> outcomes) {
        return new LeaseUsageOutcomes(true, outcomes);
    }

    public static LeaseUsageOutcomes leaseNotFound() {
        return new LeaseUsageOutcomes(false, List.of());
    }
}
