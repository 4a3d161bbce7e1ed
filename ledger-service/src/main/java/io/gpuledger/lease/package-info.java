/**
 * Leases: the Lease aggregate and every rule it decides, its terms and the usage recorded against it
 * (UsageBook). Messages are in lease.api, how usage events are stored in lease.storage, the read
 * model in lease.view, the routes in lease.web.
 */
package io.gpuledger.lease;
