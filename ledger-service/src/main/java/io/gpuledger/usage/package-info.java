/** The usage routes, single and batch: parsing, grouping a batch by lease, and the results; the lease decides. */
package io.gpuledger.usage;
