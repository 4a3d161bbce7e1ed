/** Statements for providers, tenants and marketplaces (JSON, CSV), read from the lease read model. */
package io.gpuledger.billing;
