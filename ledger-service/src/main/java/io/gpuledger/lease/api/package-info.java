/** Commands and events of leases: imperative commands, past-tense events, immutable records. */
package io.gpuledger.lease.api;
