package io.gpuledger.escrow;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The escrow deposits that wait for their tenant to become known, for operators and auditors. */
@RestController
class UnmatchedDepositsController {

    /** One kept deposit; the amount is a decimal string of token units, the account the log's key. */
    record UnmatchedDepositJson(String depositId, String account, String from, String amountUnits, long blockNumber,
                                String txHash, long logIndex) {

        static UnmatchedDepositJson of(DepositedLog deposit) {
            return new UnmatchedDepositJson(deposit.depositId(), deposit.accountHex(), deposit.from(),
                    deposit.amountUnits().toString(), deposit.blockNumber(), deposit.txHash(), deposit.logIndex());
        }
    }

    record UnmatchedDepositsJson(List<UnmatchedDepositJson> deposits) {
    }

    private final EscrowTables tables;

    UnmatchedDepositsController(EscrowTables tables) {
        this.tables = tables;
    }

    @GetMapping(path = "/v1/settlement/escrow/unmatched-deposits", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listUnmatchedDeposits", summary = "Escrow deposits naming no known tenant")
    UnmatchedDepositsJson unmatched(Caller caller) {
        caller.requireRole(OPERATOR, AUDITOR);
        return new UnmatchedDepositsJson(tables.waiting().stream().map(UnmatchedDepositJson::of).toList());
    }
}
