package io.gpuledger.account.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.account.api.FundingKind;
import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.platform.JsonFields;
import java.math.BigInteger;
import java.util.Set;

/** Turns a deposit's body into its command, naming every field at fault. */
final class DepositRequests {

    private DepositRequests() {
    }

    static RecordDepositCommand deposit(String marketplaceId, String tenantId, JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("depositId", "kind", "amountUnits"));
        String depositId = f.identifier("depositId");
        FundingKind kind = f.enumValue("kind", FundingKind.class);
        if (depositId != null && depositId.startsWith(RecordDepositCommand.CHAIN_PREFIX)) {
            // Only the escrow's follower credits on-chain deposits, so that each is credited as its log says.
            f.problem("depositId", "must not start with '" + RecordDepositCommand.CHAIN_PREFIX
                    + "': those ids are the escrow's deposits, which the ledger credits itself");
        }
        BigInteger amount = f.tokenUnits("amountUnits");
        if (amount != null && amount.signum() == 0) {
            f.problem("amountUnits", "must be positive");
        }
        f.pathIdentifier("tenantId", tenantId);
        f.throwIfInvalid();
        return new RecordDepositCommand(marketplaceId, tenantId, depositId, kind, amount);
    }
}
