/** Commands, events and outcomes of leases and of the usage recorded against them. */
package io.gpuledger.lease.api;
