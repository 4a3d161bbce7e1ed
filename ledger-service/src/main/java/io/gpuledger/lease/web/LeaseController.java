package io.gpuledger.lease.web;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.lease.view.LeaseView;
import io.gpuledger.lease.view.LeaseViews;
import io.gpuledger.lease.api.ChangeLeasePriceCommand;
import io.gpuledger.account.view.TenantBalances;
import io.gpuledger.lease.api.CloseLeaseCommand;
import io.gpuledger.lease.api.OpenLeaseCommand;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.RequestBodies;
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
    ResponseEntity<String> changePrice(Caller caller, @PathVariable String leaseId,
                                       @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                       @RequestBody(required = false) byte[] body) {
        caller.requireRole(MARKETPLACE);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/leases/" + leaseId + "/price", body, () -> {
            ChangeLeasePriceCommand command = LeaseRequests.changePrice(caller.marketplaceId(), leaseId, bodies.parse(body));
            commands.sendAndWait(command);
            return ResponseEntity.ok(Map.of("leaseId", leaseId,
                    "priceUnitsPerGpuHour", command.priceUnitsPerGpuHour().toString(),
                    "effectiveFrom", command.effectiveFrom().toString()));
        });
    }

    @PostMapping(path = "/{leaseId}/close", consumes = MediaType.APPLICATION_JSON_VALUE)
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
                c.tenantSigner(), c.disputeWindowSeconds());
    }
}
