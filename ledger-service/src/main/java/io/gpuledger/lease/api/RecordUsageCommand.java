package io.gpuledger.lease.api;

/** Records one report; a rule broken is thrown as a rejection. Answers a {@link UsageOutcome}. */
public record RecordUsageCommand(String marketplaceId, String leaseId, UsageReport report) {

    public String leaseKey() {
        return LeaseKey.of(marketplaceId, leaseId);
    }
}
