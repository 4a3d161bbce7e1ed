/**
 * Billing views derived from events (lease_view, and usage_event_lines: a row per usage event) and the
 * statements read from them; rebuildable by resetting the billing processor.
 */
package io.gpuledger.billing;
