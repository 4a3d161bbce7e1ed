/** API keys (stored hashed), roles and the caller of a request. */
package io.gpuledger.auth;
