/** Command-line modes of the service jar. */
package io.gpuledger.cli;
