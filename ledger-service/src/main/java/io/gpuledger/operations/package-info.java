/**
 * What operators watch: readiness from the projections' lag, the lag gauges of the processors and
 * the sealer, and the request id of every log line and answer.
 */
package io.gpuledger.operations;
