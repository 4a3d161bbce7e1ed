package io.gpuledger.account.api;

import java.math.BigInteger;

/** A tenant's balance grew by a deposit it paid or a credit its marketplace granted. */
public record DepositRecordedEvent(String marketplaceId, String tenantId, String depositId, FundingKind kind,
                                   BigInteger amountUnits) {
}
