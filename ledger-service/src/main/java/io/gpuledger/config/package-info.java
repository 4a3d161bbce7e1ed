/** Wiring: the database, Axon's storage schema, command bus and message origin, the aggregate cache, JSON, OpenAPI, scheduling. */
package io.gpuledger.config;
