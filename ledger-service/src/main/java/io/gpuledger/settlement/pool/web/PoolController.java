package io.gpuledger.settlement.pool.web;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.platform.Cursors;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.Page;
import io.gpuledger.platform.PageRequest;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.gpuledger.settlement.api.PoolKey;
import io.gpuledger.settlement.api.PoolPosting;
import io.gpuledger.settlement.api.RewardPoolPostedEvent;
import io.gpuledger.settlement.pool.view.PoolViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
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

/** Reward pools: operators post them; operators and auditors read them and the shares each epoch paid. */
@RestController
@RequestMapping(path = "/v1/settlement", produces = MediaType.APPLICATION_JSON_VALUE)
class PoolController {

    private final CommandGateway commands;
    private final IdempotentWrites writes;
    private final RequestBodies bodies;
    private final EventStoreReader events;
    private final PoolViews views;
    private final Cursors cursors;

    PoolController(CommandGateway commands, IdempotentWrites writes, RequestBodies bodies, EventStoreReader events,
                   PoolViews views, Cursors cursors) {
        this.commands = commands;
        this.writes = writes;
        this.bodies = bodies;
        this.events = events;
        this.views = views;
        this.cursors = cursors;
    }

    /** 201 with the pool; 200 with the first posting when the poolId was posted before with the same body. */
    @PostMapping(path = "/pools", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "postRewardPool", summary = "Posts a reward pool for the next epoch to close")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(schema = @Schema(implementation = PoolBodies.Pool.class)))
    @ApiResponse(responseCode = "201", description = "The pool, pending; 200 when posted before with the same body", content = @Content(schema = @Schema(implementation = PoolJson.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.POOL_AMOUNT_INVALID, RejectionCode.POOL_SPLIT_INVALID,
            RejectionCode.POOL_ACCOUNT_INVALID, RejectionCode.POOL_WEIGHT_INVALID, RejectionCode.POOL_DUPLICATE_ACCOUNT,
            RejectionCode.POOL_NO_POSITIVE_WEIGHT, RejectionCode.POOL_CONFLICT})
    ResponseEntity<String> post(Caller caller, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/settlement/pools", body, () -> {
            PoolPosting posting = commands.sendAndWait(PoolRequests.post(bodies.parse(body)));
            return ResponseEntity.status(posting.recordedBefore() ? 200 : 201).body(PoolJson.of(posting.pool(),
                    posting.recordedBefore() ? views.pool(posting.pool().poolId()).orElse(null) : null));
        });
    }

    @GetMapping("/pools/{poolId}")
    @Operation(operationId = "getRewardPool", summary = "A reward pool and the epoch that paid it")
    @Rejects({RejectionCode.POOL_NOT_FOUND})
    PoolJson get(Caller caller, @PathVariable String poolId) {
        caller.requireRole(OPERATOR, AUDITOR);
        RewardPoolPostedEvent pool = events.latest(PoolKey.of(poolId), RewardPoolPostedEvent.class)
                .orElseThrow(() -> new LedgerRejection(RejectionCode.POOL_NOT_FOUND, "no reward pool " + poolId));
        return PoolJson.of(pool, views.pool(poolId).orElse(null));
    }

    @GetMapping("/epochs/{epoch}/pools/{poolId}/shares")
    @Operation(operationId = "listPoolShares", summary = "Each account's share of a pool the epoch paid, in account order")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR, RejectionCode.POOL_NOT_FOUND})
    PoolSharesJson shares(Caller caller, @PathVariable long epoch, @PathVariable String poolId,
                          @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        caller.requireRole(OPERATOR, AUDITOR);
        PoolViews.PoolView pool = views.pool(poolId).filter(p -> p.epoch() != null && p.epoch() == epoch)
                .orElseThrow(() -> new LedgerRejection(RejectionCode.POOL_NOT_FOUND,
                        "epoch " + epoch + " paid no reward pool " + poolId));
        List<String> list = List.of("GET /v1/settlement/epochs/{epoch}/pools/{poolId}/shares", caller.idempotencyScope(),
                Long.toString(epoch), poolId);
        PageRequest page = cursors.request(limit, cursor, Cursors.MAX_LIMIT, list);
        Page<PoolViews.ShareView> shares = cursors.page(views.shares(epoch, poolId, page.after(), page.fetch()), page,
                PoolViews.ShareView::account, list);
        return new PoolSharesJson(epoch, poolId, pool.basis().name(), pool.amountUnits().toString(),
                shares.items().stream().map(PoolSharesJson.ShareJson::of).toList(), shares.nextCursor());
    }
}
