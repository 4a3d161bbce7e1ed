/** Usage reports: what a lease has recorded (UsageBook), the single and batch routes, and the per-lease batching of reports. Messages are in usage.api. */
package io.gpuledger.usage;
