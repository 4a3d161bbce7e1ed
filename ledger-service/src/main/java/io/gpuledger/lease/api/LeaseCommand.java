package io.gpuledger.lease.api;

/** A command to an existing lease: it names the lease's aggregate identifier. */
public interface LeaseCommand {

    String leaseKey();
}
