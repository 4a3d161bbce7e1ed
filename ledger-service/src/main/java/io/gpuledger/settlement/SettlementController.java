package io.gpuledger.settlement;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;
import static io.gpuledger.auth.Role.OPERATOR;
import static io.gpuledger.auth.Role.PROVIDER;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.auth.Caller;
import io.gpuledger.common.Charges;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Cursors;
import io.gpuledger.platform.EmptyRequest;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Page;
import io.gpuledger.platform.PageRequest;
import io.gpuledger.platform.Rejects;
import io.gpuledger.platform.RequestBodies;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.merkle.EpochRoots;
import io.gpuledger.lease.view.SlaCreditLines;
import io.gpuledger.settlement.pool.view.PoolViews;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
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
import org.web3j.crypto.Keys;

/**
 * Settlement epochs: operators close them, anchor them and push their payouts; operators and auditors
 * read them, their payouts and proofs; providers and marketplaces read the payouts and proofs of
 * their payout addresses ({@link PayoutReaders}).
 */
@RestController
@RequestMapping(path = "/v1/settlement/epochs", produces = MediaType.APPLICATION_JSON_VALUE)
class SettlementController {

    /** As many as the routes answered before they paged, so existing clients see the same first page. */
    static final int DEFAULT_LIMIT = Cursors.MAX_LIMIT;

    private final EpochCloser closer;
    private final Cursors cursors;
    private final EpochViews views;
    private final IdempotentWrites writes;
    private final EpochRequests requests;
    private final RequestBodies bodies;
    private final PayoutReaders readers;
    private final PoolViews pools;
    private final SlaCreditLines slaCredits;
    private final Clock clock = Clock.systemUTC();

    SettlementController(EpochCloser closer, EpochViews views, IdempotentWrites writes, EpochRequests requests,
                         RequestBodies bodies, Cursors cursors, PayoutReaders readers, PoolViews pools,
                         SlaCreditLines slaCredits) {
        this.slaCredits = slaCredits;
        this.readers = readers;
        this.pools = pools;
        this.closer = closer;
        this.cursors = cursors;
        this.views = views;
        this.writes = writes;
        this.requests = requests;
        this.bodies = bodies;
    }

    @PostMapping
    @Operation(operationId = "closeEpoch", summary = "Closes the current epoch")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = CloseEpochRequest.class)))
    @ApiResponse(responseCode = "201", description = "The epoch closed", content = @Content(schema = @Schema(implementation = EpochJson.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.EPOCH_CLOSE_CONFLICT})
    ResponseEntity<String> close(Caller caller, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/settlement/epochs", body, () -> {
            // An empty body or {} accrues through now; any field but accrueThrough is refused, not ignored.
            CloseEpochRequest request = closeRequest(body == null || body.length == 0 ? null : bodies.parse(body));
            return ResponseEntity.status(201).body(EpochJson.closed(closer.close(request.accrueThrough())));
        });
    }

    private CloseEpochRequest closeRequest(JsonNode body) {
        Instant now = clock.instant();
        if (body == null) {
            return new CloseEpochRequest(now);
        }
        JsonFields f = JsonFields.of(body, Set.of("accrueThrough"));
        Instant accrueThrough = f.instant("accrueThrough", false);
        if (accrueThrough != null && accrueThrough.isAfter(now)) {
            f.problem("accrueThrough", "must not be in the future");
        }
        f.throwIfInvalid();
        return new CloseEpochRequest(accrueThrough == null ? now : accrueThrough);
    }

    /**
     * Starts anchoring the epoch's roots, then funding the distributor for its total. 202 with the epoch
     * as it stands; the settlement driver does the chain work. Safe to repeat: it retries a failed step.
     */
    @PostMapping("/{epoch}/anchor")
    @Operation(operationId = "anchorEpoch", summary = "Starts anchoring the epoch's roots, then funding")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EmptyRequest.class)))
    @ApiResponse(responseCode = "202", description = "The epoch as it stands", content = @Content(schema = @Schema(implementation = EpochJson.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.EPOCH_NOT_FOUND, RejectionCode.EPOCH_REQUEST_CONFLICT, RejectionCode.CHAIN_NOT_CONFIGURED})
    ResponseEntity<String> anchor(Caller caller, @PathVariable long epoch,
                                  @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                  @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/settlement/epochs/" + epoch + "/anchor", body, () -> {
            requireNoFields(body);
            return ResponseEntity.status(202).body(current(requests.requestAnchor(epoch)));
        });
    }

    /**
     * Starts pushing every unpaid payout of the epoch, anchoring and funding it first if that was not
     * started yet. 202 with the epoch as it stands. Safe to repeat: it retries a failed step.
     */
    @PostMapping("/{epoch}/payouts:push")
    @Operation(operationId = "pushPayouts", summary = "Starts pushing the epoch's payouts")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = EmptyRequest.class)))
    @ApiResponse(responseCode = "202", description = "The epoch as it stands", content = @Content(schema = @Schema(implementation = EpochJson.class)))
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.EPOCH_NOT_FOUND, RejectionCode.EPOCH_REQUEST_CONFLICT, RejectionCode.CHAIN_NOT_CONFIGURED})
    ResponseEntity<String> push(Caller caller, @PathVariable long epoch,
                                @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/settlement/epochs/" + epoch + "/payouts:push", body, () -> {
            requireNoFields(body);
            return ResponseEntity.status(202).body(current(requests.requestPush(epoch)));
        });
    }

    /** Newest first; pages end at an epoch's number, so epochs closed meanwhile never shift a page. */
    @GetMapping
    @Operation(operationId = "listEpochs", summary = "Epochs, newest first")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR})
    EpochListJson list(Caller caller, @RequestParam(required = false) String limit,
                       @RequestParam(required = false) String cursor) {
        caller.requireRole(OPERATOR, AUDITOR);
        List<String> list = List.of("GET /v1/settlement/epochs", caller.idempotencyScope());
        PageRequest page = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        long before = page.afterNumber(Long.MAX_VALUE);
        Page<EpochViews.EpochView> epochs = cursors.page(views.epochs(before, page.fetch()), page,
                epoch -> Long.toString(epoch.epoch()), list);
        return new EpochListJson(epochs.items().stream().map(EpochJson::of).toList(), epochs.nextCursor());
    }

    @GetMapping("/{epoch}")
    @Operation(operationId = "getEpoch", summary = "An epoch with its steps")
    @Rejects({RejectionCode.EPOCH_NOT_FOUND})
    EpochJson get(Caller caller, @PathVariable long epoch) {
        caller.requireRole(OPERATOR, AUDITOR);
        EpochViews.EpochView view = views.epoch(epoch);
        return EpochJson.of(view, views.steps(epoch), views.withheldUsage(epoch),
                views.capacityCharges(epoch).orElse(null), pools.paidIn(epoch), slaCreditsOf(view));
    }

    /**
     * Payouts page in account order; {@code carried} is the epoch's whole list on every page. Only the
     * lines of the addresses the caller may read: a provider sees its own line alone.
     */
    @GetMapping("/{epoch}/payouts")
    @Operation(operationId = "listPayouts", summary = "An epoch's payouts in account order")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR, RejectionCode.EPOCH_NOT_FOUND})
    PayoutListJson payouts(Caller caller, @PathVariable long epoch, @RequestParam(required = false) String limit,
                           @RequestParam(required = false) String cursor) {
        caller.requireRole(OPERATOR, AUDITOR, MARKETPLACE, PROVIDER);
        Predicate<String> visible = readers.visibleTo(caller);
        List<String> list = List.of("GET /v1/settlement/epochs/{epoch}/payouts", caller.idempotencyScope(),
                Long.toString(epoch));
        PageRequest page = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        Page<EpochViews.PayoutView> payouts = cursors.page(views.payouts(epoch, page.after(), page.fetch()), page,
                EpochViews.PayoutView::account, list);
        List<CarriedJson> carried = views.carried(epoch).stream().filter(c -> visible.test(c.account()))
                .map(c -> new CarriedJson(c.account(), c.carriedUnits().toString())).toList();
        List<EpochViews.PayoutView> shown = payouts.items().stream().filter(p -> visible.test(p.account())).toList();
        Map<String, BigInteger> shares = pools.sharesOf(epoch, shown.stream().map(EpochViews.PayoutView::account).toList());
        return new PayoutListJson(epoch, shown.stream().map(p -> PayoutJson.of(p,
                shares.getOrDefault(p.account().toLowerCase(Locale.ROOT), BigInteger.ZERO))).toList(), carried,
                payouts.nextCursor());
    }

    @GetMapping("/{epoch}/payouts/{account}/proof")
    @Operation(operationId = "getPayoutProof", summary = "A payout's Merkle proof")
    @Rejects({RejectionCode.EPOCH_NOT_FOUND, RejectionCode.PAYOUT_NOT_FOUND})
    PayoutProofJson proof(Caller caller, @PathVariable long epoch, @PathVariable String account) {
        caller.requireRole(OPERATOR, AUDITOR, MARKETPLACE, PROVIDER);
        List<EpochViews.PayoutView> payouts = views.payouts(epoch);
        String wanted = account.toLowerCase();
        // Another's address answers as one without a payout: whether it has one is not disclosed.
        boolean visible = readers.visibleTo(caller).test(wanted);
        for (int i = 0; visible && i < payouts.size(); i++) {
            if (payouts.get(i).account().toLowerCase().equals(wanted)) {
                EpochViews.PayoutView payout = payouts.get(i);
                List<String> proof = EpochRoots.payoutProof(payouts.stream().map(EpochViews.PayoutView::payout).toList(), i);
                return new PayoutProofJson(epoch, Keys.toChecksumAddress(payout.account()),
                        payout.amountUnits().toString(), views.epoch(epoch).payoutRoot(), proof);
            }
        }
        throw new LedgerRejection(RejectionCode.PAYOUT_NOT_FOUND, "no payout to " + account + " in epoch " + epoch);
    }


    /** The SLA credits among the epoch's events, as the billing view has them (it follows within moments). */
    private Charges slaCreditsOf(EpochViews.EpochView epoch) {
        return slaCredits.between(epoch.fromGlobalIndex(), epoch.toGlobalIndex()).orElse(null);
    }

    private EpochJson current(EpochClosedEvent closed) {
        return views.find(closed.epoch()).map(view -> EpochJson.of(view, views.steps(closed.epoch()),
                        views.withheldUsage(closed.epoch()), views.capacityCharges(closed.epoch()).orElse(null),
                        pools.paidIn(closed.epoch()), slaCreditsOf(view)))
                .orElseGet(() -> EpochJson.closed(closed));
    }

    /** The body may be empty or an empty object: these routes take no fields. */
    private void requireNoFields(byte[] body) {
        if (body != null && body.length > 0) {
            JsonFields.of(bodies.parse(body), Set.of()).throwIfInvalid();
        }
    }

    /**
     * A payout; {@code poolSharesUnits} is what the epoch's reward pools gave the address, which amountUnits
     * includes (after netting any amount the address carried in).
     */
    record PayoutJson(String account, String amountUnits, String poolSharesUnits, String status, String txHash,
                      Long blockNumber, Integer batch) {

        static PayoutJson of(EpochViews.PayoutView p, BigInteger poolShares) {
            return new PayoutJson(p.account(), p.amountUnits().toString(), poolShares.toString(), p.status(),
                    p.txHash(), p.blockNumber(), p.batch());
        }
    }

    record EpochListJson(List<EpochJson> epochs, String nextCursor) {
    }

    record PayoutListJson(long epoch, List<PayoutJson> payouts, List<CarriedJson> carried, String nextCursor) {
    }

    record CarriedJson(String account, String carriedUnits) {
    }

    record PayoutProofJson(long epoch, String account, String amountUnits, String root, List<String> proof) {
    }
}
