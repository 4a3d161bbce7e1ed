/**
 * Statements for providers, tenants and marketplaces (JSON, CSV, JSON Lines): usage as recorded, voids,
 * adjustments and the net per lease, read from the lease read model; a tenant's account movements,
 * from tenant_movement, which {@code TenantMovements} keeps in the billing processor.
 */
package io.gpuledger.billing;
