package io.gpuledger.account.api;

import java.math.BigInteger;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds a deposit or a credit to the tenant's balance; the same {@code depositId} again changes nothing. */
public record RecordDepositCommand(String marketplaceId, String tenantId, String depositId, FundingKind kind,
                                   BigInteger amountUnits) {

    /** The depositIds of the escrow's deposits, {@code chain:<txHash>:<logIndex>}: the deposit route refuses them. */
    public static final String CHAIN_PREFIX = "chain:";

    @TargetAggregateIdentifier
    public String accountKey() {
        return TenantAccountKey.of(marketplaceId, tenantId);
    }
}
