/** Plumbing every feature shares: one unit of work and transaction per request, idempotent writes, request parsing with field errors, problem+json. */
package io.gpuledger.platform;
