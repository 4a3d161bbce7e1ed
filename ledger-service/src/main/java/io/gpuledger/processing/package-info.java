/**
 * The event processors that keep the read models, as operators see them: their dead letters (events
 * a projection failed on, kept by Axon's JDBC dead-letter queue) and retrying them.
 */
package io.gpuledger.processing;
