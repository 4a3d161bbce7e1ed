/** Commands, events and outcomes of usage reporting. */
package io.gpuledger.usage.api;
