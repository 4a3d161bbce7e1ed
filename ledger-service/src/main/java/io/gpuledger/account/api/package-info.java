/** The tenant account's commands, events and values. */
package io.gpuledger.account.api;
