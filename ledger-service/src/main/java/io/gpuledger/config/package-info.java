/** Wiring: the database, Axon's storage schema and command bus, the aggregate cache, JSON, OpenAPI, scheduling. */
package io.gpuledger.config;
