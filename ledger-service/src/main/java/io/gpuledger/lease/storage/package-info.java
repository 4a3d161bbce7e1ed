/** How UsageRecordedEvent is stored and read back: its hand-written JSON and the upcaster from revision 1. */
package io.gpuledger.lease.storage;
