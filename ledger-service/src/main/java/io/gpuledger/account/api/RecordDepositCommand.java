package io.gpuledger.account.api;

import java.math.BigInteger;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a deposit or a credit to the tenant's balance; the same {@code depositId} again changes nothing. */
public record RecordDepositCommand(String marketplaceId, String tenantId, String depositId, FundingKind kind,
                                   BigInteger amountUnits) {

    @TargetAggregateIdentifier
    public String accountKey() {
        return TenantAccountKey.of(marketplaceId, tenantId);
    }
}
