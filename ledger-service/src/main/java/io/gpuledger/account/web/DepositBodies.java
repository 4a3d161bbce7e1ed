package io.gpuledger.account.web;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

import io.gpuledger.account.api.FundingKind;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a deposit as the OpenAPI description shows it; {@link DepositRequests} reads it. */
final class DepositBodies {

    private DepositBodies() {
    }

    @Schema(name = "DepositRequest")
    record Deposit(@Schema(requiredMode = REQUIRED, description = "Unique per tenant; not starting with chain:") String depositId,
                   @Schema(requiredMode = REQUIRED) FundingKind kind,
                   @Schema(requiredMode = REQUIRED, description = "Positive") String amountUnits) {
    }
}
