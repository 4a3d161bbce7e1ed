package io.gpuledger.account.web;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;

import io.gpuledger.account.api.DepositResult;
import io.gpuledger.account.api.RecordDepositCommand;
import io.gpuledger.account.view.TenantBalances;
import io.gpuledger.auth.Caller;
import io.gpuledger.auth.Role;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/v1/tenants/{tenantId}", produces = MediaType.APPLICATION_JSON_VALUE)
class TenantAccountController {

    private final CommandGateway commands;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;
    private final TenantBalances balances;

    TenantAccountController(CommandGateway commands, IdempotentWrites writes, RequestBodies bodies,
                            TenantBalances balances) {
        this.commands = commands;
        this.writes = writes;
        this.bodies = bodies;
        this.balances = balances;
    }

    /** 201 with the balance after the deposit; 200 with the balance when the deposit was recorded before. */
    @PostMapping(path = "/deposits", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "recordDeposit", summary = "Pays into a tenant's account")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = DepositBodies.Deposit.class)))
    @ApiResponse(responseCode = "201", description = "The balance after the deposit; 200 when recorded before with the same body", content = @Content(schema = @Schema(implementation = BalanceJson.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.DEPOSIT_CONFLICT})
    ResponseEntity<String> deposit(Caller caller, @PathVariable String tenantId,
                                   @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                   @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/tenants/" + tenantId + "/deposits", body,
                () -> {
                    RecordDepositCommand command = DepositRequests.deposit(caller.marketplaceId(), tenantId,
                            bodies.parse(body));
                    DepositResult result = commands.sendAndWait(command);
                    return ResponseEntity.status(result.recordedBefore() ? 200 : 201)
                            .body(BalanceJson.of(caller.marketplaceId(), tenantId, result.balance()));
                });
    }

    /** A marketplace reads its own tenants; an auditor names the marketplace. */
    @GetMapping("/balance")
    @Operation(operationId = "getTenantBalance", summary = "A tenant's balance")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    BalanceJson balance(Caller caller, @PathVariable String tenantId,
                        @RequestParam(required = false) String marketplaceId) {
        caller.requireRole(MARKETPLACE, AUDITOR);
        String owner = caller.role() == Role.MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        if (owner == null) {
            throw new LedgerRejection(RejectionCode.VALIDATION_FAILED, "marketplaceId",
                    "name the tenant's marketplace with ?marketplaceId=");
        }
        return BalanceJson.of(owner, tenantId, balances.of(owner, tenantId));
    }
}
