/** Tenant balances and the charges held per lease, projected from the tenant accounts' events. */
package io.gpuledger.account.view;
