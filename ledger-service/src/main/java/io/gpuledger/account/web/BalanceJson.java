package io.gpuledger.account.web;

import io.gpuledger.account.api.TenantBalance;

/** A tenant's balance as the API shows it; amounts are decimal strings of token units. */
record BalanceJson(String marketplaceId, String tenantId, String depositsUnits, String creditsUnits,
                   String chargesUnits, String balanceUnits, String overdrawnUnits, String heldUnits) {

    static BalanceJson of(String marketplaceId, String tenantId, TenantBalance balance) {
        return new BalanceJson(marketplaceId, tenantId, balance.depositsUnits().toString(),
                balance.creditsUnits().toString(), balance.chargesUnits().toString(),
                balance.balanceUnits().toString(), balance.overdrawnUnits().toString(),
                balance.heldUnits().toString());
    }
}
