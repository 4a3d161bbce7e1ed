/**
 * The web console at {@code /console}: static pages and scripts (under {@code static/console}) that
 * call the ledger's own {@code /v1} routes with the key a person signs in with, and the headers that
 * keep those pages to the scripts the service itself serves. The console holds no key on the server
 * and has no route of its own beyond its files (docs/ARCHITECTURE.md, "The console").
 */
package io.gpuledger.console;
