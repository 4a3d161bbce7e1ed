package io.gpuledger.lease.web;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;
import static io.gpuledger.auth.Role.OPERATOR;
import static io.gpuledger.common.RejectionCode.AMBIGUOUS_LEASE_ID;
import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_DOWNTIME;
import static io.gpuledger.common.RejectionCode.CLOSE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.LEASE_CLOSED;
import static io.gpuledger.common.RejectionCode.LEASE_EXISTS;
import static io.gpuledger.common.RejectionCode.LEASE_NOT_FOUND;
import static io.gpuledger.common.RejectionCode.LEASE_NOT_STARTED;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_BEFORE_RECORDED_USAGE;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_KIND_MISMATCH;
import static io.gpuledger.common.RejectionCode.PRICE_CHANGE_OUT_OF_ORDER;
import static io.gpuledger.common.RejectionCode.PRICING_CONFLICT;
import static io.gpuledger.common.RejectionCode.SLA_WINDOW_CLOSED;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;

import io.gpuledger.account.view.TenantBalances;
import io.gpuledger.auth.Caller;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.lease.api.CapacityPricing;
import io.gpuledger.lease.view.CapacityView;
import io.gpuledger.lease.view.LeaseView;
import io.gpuledger.lease.view.LeaseViews;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigInteger;
import java.util.Map;
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
@Tag(name = "Leases")
@RequestMapping(path = "/v1/leases", produces = MediaType.APPLICATION_JSON_VALUE)
class LeaseController {

    private final CommandGateway commands;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;
    private final LeaseViews leases;
    private final TenantBalances held;

    LeaseController(CommandGateway commands, IdempotentWrites writes, RequestBodies bodies, LeaseViews leases,
                    TenantBalances held) {
        this.held = held;
        this.commands = commands;
        this.writes = writes;
        this.bodies = bodies;
        this.leases = leases;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "openLease", summary = "Opens a lease in the caller's marketplace")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = LeaseBodies.OpenLease.class)))
    @ApiResponse(responseCode = "201", description = "The lease as opened",
            content = @Content(schema = @Schema(implementation = LeaseJson.class)))
    @Rejects({VALIDATION_FAILED, LEASE_EXISTS, PRICING_CONFLICT})
    ResponseEntity<String> open(Caller caller, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/leases", body, () -> {
            OpenLeaseCommand command = LeaseRequests.open(caller.marketplaceId(), bodies.parse(body));
            commands.sendAndWait(command);
            return ResponseEntity.status(201).body(LeaseJson.of(opened(command), BigInteger.ZERO));
        });
    }

    @PostMapping(path = "/{leaseId}/price", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "changeLeasePrice", summary = "Changes the lease's price from a moment on")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = LeaseBodies.ChangePrice.class)))
    @ApiResponse(responseCode = "200", description = "The price change as recorded",
            content = @Content(schema = @Schema(implementation = LeaseBodies.PriceChanged.class)))
    @Rejects({VALIDATION_FAILED, LEASE_NOT_FOUND, LEASE_CLOSED, LEASE_NOT_STARTED, PRICE_CHANGE_BEFORE_RECORDED_USAGE,
            PRICE_CHANGE_OUT_OF_ORDER, PRICE_CHANGE_KIND_MISMATCH})
    ResponseEntity<String> changePrice(Caller caller, @PathVariable String leaseId,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                       @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/leases/" + leaseId + "/price", body, () -> {
            ChangeLeasePriceCommand command = LeaseRequests.changePrice(caller.marketplaceId(), leaseId, bodies.parse(body));
            commands.sendAndWait(command);
            return ResponseEntity.ok(LeaseBodies.PriceChanged.of(leaseId, command));
        });
    }

    @PostMapping(path = "/{leaseId}/close", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "closeLease", summary = "Closes the lease at a moment")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = LeaseBodies.Close.class)))
    @ApiResponse(responseCode = "200", description = "The close as recorded",
            content = @Content(schema = @Schema(implementation = LeaseBodies.Closed.class)))
    @Rejects({VALIDATION_FAILED, LEASE_NOT_FOUND, LEASE_CLOSED, LEASE_NOT_STARTED, CLOSE_BEFORE_RECORDED_USAGE,
            CLOSE_BEFORE_RECORDED_DOWNTIME, SLA_WINDOW_CLOSED})
    ResponseEntity<String> close(Caller caller, @PathVariable String leaseId,
                                 @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/leases/" + leaseId + "/close", body, () -> {
            CloseLeaseCommand command = LeaseRequests.close(caller.marketplaceId(), leaseId, bodies.parse(body));
            commands.sendAndWait(command);
            return ResponseEntity.ok(Map.of("leaseId", leaseId, "state", "CLOSED",
                    "reason", command.reason().name(), "closedAt", command.closedAt().toString()));
        });
    }

    @GetMapping("/{leaseId}")
    @Operation(operationId = "getLease", summary = "A lease with its running totals")
    @Rejects({LEASE_NOT_FOUND, AMBIGUOUS_LEASE_ID})
    LeaseJson get(Caller caller, @PathVariable String leaseId,
                  @RequestParam(required = false) String marketplaceId) {
        caller.requireRole(MARKETPLACE, AUDITOR, OPERATOR);
        LeaseView lease = leases.find(caller, leaseId, marketplaceId);
        return LeaseJson.of(lease, held.heldOfLease(lease.marketplaceId(), lease.leaseId()));
    }

    private static LeaseView opened(OpenLeaseCommand c) {
        return new LeaseView(c.marketplaceId(), c.leaseId(), c.providerId(), c.providerPayoutAddress(), c.tenantId(),
                c.gpuModel(), c.gpuCount(), c.priceUnitsPerGpuHour(), c.marketplaceFeeBps(), c.startsAt(),
                c.endsAt(), "ACTIVE", null, null, 0, BigInteger.ZERO, c.billing().name(), BigInteger.ZERO, c.meterSigner(),
                c.tenantSigner(), c.disputeWindowSeconds(), c.pricing() instanceof CapacityPricing capacity
                        ? new CapacityView(capacity.capacityKw(), capacity.feeUnitsPerHour(),
                                capacity.energyUnitsPerKwh(), 0, BigInteger.ZERO, null) : null, c.sla());
    }
}
