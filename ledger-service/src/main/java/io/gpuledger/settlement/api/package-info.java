/** Commands and events of settlement. */
package io.gpuledger.settlement.api;
