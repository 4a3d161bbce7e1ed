package io.gpuledger.settlement.onchain;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The ledger against the chain, on demand. Reads only; 503 CHAIN_NOT_CONFIGURED without a chain. */
@RestController
@RequestMapping(path = "/v1/settlement/reconciliation", produces = MediaType.APPLICATION_JSON_VALUE)
class ReconciliationController {

    private final Reconciliation reconciliation;

    ReconciliationController(Reconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    @GetMapping
    @Operation(operationId = "reconcile", summary = "The ledger against the chain")
    @Rejects({RejectionCode.CHAIN_NOT_CONFIGURED, RejectionCode.CHAIN_UNAVAILABLE})
    ReconciliationReport reconcile(Caller caller) {
        caller.requireRole(OPERATOR, AUDITOR);
        return reconciliation.run();
    }
}
