/**
 * Tenant accounts: what each tenant of a marketplace paid in (deposits, credits), what its prepaid
 * leases drew, and the charges held back while it was overdrawn. The TenantAccount aggregate owns the
 * balance, so every decision that spends it is taken under one lock; messages are in account.api,
 * the balance read model in account.view, the routes in account.web.
 */
package io.gpuledger.account;
