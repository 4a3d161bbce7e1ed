/** Wiring: the database, Axon's storage schema, command bus, command targets and message origin, the aggregate cache, JSON, OpenAPI, scheduling. */
package io.gpuledger.config;
