/** The lease routes: open, change price, close, read. */
package io.gpuledger.lease.web;
