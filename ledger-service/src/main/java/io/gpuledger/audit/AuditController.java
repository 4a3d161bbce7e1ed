package io.gpuledger.audit;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification of the whole history, and inclusion proofs of single events. */
@RestController
@RequestMapping(path = "/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
class AuditController {

    private final AuditVerifier verifier;
    private final EventProofs proofs;

    AuditController(AuditVerifier verifier, EventProofs proofs) {
        this.verifier = verifier;
        this.proofs = proofs;
    }

    @GetMapping("/verify")
    @Operation(operationId = "verify", summary = "Checks the sealed history")
    Verification verify(Caller caller) {
        caller.requireRole(AUDITOR, OPERATOR);
        return verifier.verify();
    }

    @GetMapping("/events/{eventId}/proof")
    @Operation(operationId = "getEventProof", summary = "An event's inclusion proof")
    @Rejects({RejectionCode.EVENT_NOT_FOUND, RejectionCode.EVENT_NOT_SETTLED})
    EventProofs.EventProof proof(Caller caller, @PathVariable String eventId) {
        caller.requireRole(AUDITOR, MARKETPLACE);
        return proofs.of(caller, eventId);
    }
}
