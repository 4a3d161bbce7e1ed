/**
 * The lease read model: lease_view (terms and running totals) and usage_event_lines (each usage
 * event's reports), projected from the events and rebuilt by resetting the billing processor.
 */
package io.gpuledger.lease.view;
