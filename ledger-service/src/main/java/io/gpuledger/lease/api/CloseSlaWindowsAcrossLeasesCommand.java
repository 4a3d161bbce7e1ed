package io.gpuledger.lease.api;

import java.util.List;

/**
 * Closes the due SLA windows of many leases in one unit of work, each lease as its own
 * {@link CloseSlaWindowsCommand} would: an epoch close's windows, sorted by lease key (the order
 * their locks are taken in).
 */
public record CloseSlaWindowsAcrossLeasesCommand(List<CloseSlaWindowsCommand> leases) {

    public CloseSlaWindowsAcrossLeasesCommand {
        leases = List.copyOf(leases);
    }
}
