/** The tenant account routes: deposits and credits, and the balance. */
package io.gpuledger.account.web;
