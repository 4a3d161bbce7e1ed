/** The reward pools' routes: posting a pool, reading it, and the shares an epoch paid of it. */
package io.gpuledger.settlement.pool.web;
