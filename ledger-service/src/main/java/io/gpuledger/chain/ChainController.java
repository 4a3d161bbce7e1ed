package io.gpuledger.chain;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;
import static io.gpuledger.auth.Role.PROVIDER;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The chain as clients see it. Without a chain every route here answers 503 CHAIN_NOT_CONFIGURED. */
@RestController
@RequestMapping(path = "/v1/settlement/chain", produces = "application/json")
class ChainController {

    private final ChainGateway gateway;

    ChainController(ChainGateway gateway) {
        this.gateway = gateway;
    }

    /** Open to every role: marketplaces and providers need the addresses to verify and claim payouts on-chain. */
    @GetMapping
    @Operation(operationId = "getChain", summary = "The settlement chain and its contracts")
    @Rejects({RejectionCode.CHAIN_NOT_CONFIGURED, RejectionCode.CHAIN_UNAVAILABLE})
    ChainInfo chain(Caller caller) {
        caller.requireRole(MARKETPLACE, AUDITOR, OPERATOR, PROVIDER);
        return gateway.info();
    }

    /** One intent and its attempts, for operators and auditors following a settlement transaction. */
    @GetMapping("/intents/{intentId}")
    @Operation(operationId = "getChainIntent", summary = "A chain intent with its attempts")
    @Rejects({RejectionCode.CHAIN_NOT_CONFIGURED, RejectionCode.CHAIN_INTENT_NOT_FOUND})
    ChainIntentJson intent(Caller caller, @PathVariable String intentId) {
        caller.requireRole(AUDITOR, OPERATOR);
        if (!gateway.enabled()) {
            throw new ChainNotConfigured();
        }
        ChainIntent intent = gateway.intent(intentId).orElseThrow(() -> new LedgerRejection(
                RejectionCode.CHAIN_INTENT_NOT_FOUND, "intentId", "no chain intent " + intentId));
        return ChainIntentJson.of(intent, gateway.attempts(intentId));
    }
}
