/** Leases: the Lease aggregate, which holds a lease's terms and the usage recorded against it, and the lease routes. Messages are in lease.api. */
package io.gpuledger.lease;
