/** Billing views derived from events (lease_view, usage_line) and the statements read from them; rebuildable by resetting the billing processor. */
package io.gpuledger.billing;
