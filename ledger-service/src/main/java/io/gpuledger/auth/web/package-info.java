/** The key routes: operators make, list and revoke API keys. */
package io.gpuledger.auth.web;
