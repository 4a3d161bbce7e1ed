package io.gpuledger.lease.api;

import java.util.List;

/**
 * Accrues the fees of many capacity leases in one unit of work, each lease as its own
 * {@link AccrueCapacityFeeCommand} would: an epoch close's accruals, sorted by lease key (the order
 * their locks are taken in).
 */
public record AccrueCapacityFeesCommand(List<AccrueCapacityFeeCommand> leases) {

    public AccrueCapacityFeesCommand {
        leases = List.copyOf(leases);
    }
}
