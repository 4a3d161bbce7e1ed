/**
 * Reliability: the SLA windows of leases with an SLA as a view ({@code ReliabilityProjection}, in the
 * billing processor), the provider's reliability route, and the leases whose windows are due to close
 * ({@code DueSlaLeases}), which the epoch close reads. The lease decides every window; this package
 * only shows and finds them.
 */
package io.gpuledger.reliability;
