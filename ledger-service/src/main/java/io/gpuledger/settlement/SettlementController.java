package io.gpuledger.settlement;

import io.gpuledger.settlement.merkle.EpochRoots;
import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.IdempotentWrites;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.RequestBodies;
import io.gpuledger.settlement.api.EpochClosedEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.web3j.crypto.Keys;

/**
 * Settlement epochs: operators close them, anchor them and push their payouts; operators and auditors
 * read them, their payouts and proofs.
 */
@RestController
@RequestMapping(path = "/v1/settlement/epochs", produces = MediaType.APPLICATION_JSON_VALUE)
class SettlementController {

    private final EpochCloser closer;
    private final EpochViews views;
    private final IdempotentWrites writes;
    private final EpochRequests requests;
    private final RequestBodies bodies;

    SettlementController(EpochCloser closer, EpochViews views, IdempotentWrites writes, EpochRequests requests,
                         RequestBodies bodies) {
        this.closer = closer;
        this.views = views;
        this.writes = writes;
        this.requests = requests;
        this.bodies = bodies;
    }

    @PostMapping
    ResponseEntity<String> close(Caller caller, @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                 @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/settlement/epochs", body, () -> {
            // The close takes no fields: an empty body or {}. Anything else is refused, not ignored.
            if (body != null && body.length > 0) {
                JsonFields.of(bodies.parse(body), Set.of()).throwIfInvalid();
            }
            return ResponseEntity.status(201).body(EpochJson.closed(closer.close()));
        });
    }

    /**
     * Starts anchoring the epoch's roots, then funding the distributor for its total. 202 with the epoch
     * as it stands; the settlement driver does the chain work. Safe to repeat: it retries a failed step.
     */
    @PostMapping("/{epoch}/anchor")
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
    ResponseEntity<String> push(Caller caller, @PathVariable long epoch,
                                @RequestHeader(name = "Idempotency-Key", required = false) String key,
                                @RequestBody(required = false) byte[] body) {
        caller.requireRole(OPERATOR);
        return writes.execute(caller.idempotencyScope(), key, "POST /v1/settlement/epochs/" + epoch + "/payouts:push", body, () -> {
            requireNoFields(body);
            return ResponseEntity.status(202).body(current(requests.requestPush(epoch)));
        });
    }

    @GetMapping
    Map<String, List<EpochJson>> list(Caller caller) {
        caller.requireRole(OPERATOR, AUDITOR);
        return Map.of("epochs", views.epochs().stream().map(EpochJson::of).toList());
    }

    @GetMapping("/{epoch}")
    EpochJson get(Caller caller, @PathVariable long epoch) {
        caller.requireRole(OPERATOR, AUDITOR);
        return EpochJson.of(views.epoch(epoch), views.steps(epoch), views.withheldUsage(epoch));
    }

    @GetMapping("/{epoch}/payouts")
    Map<String, Object> payouts(Caller caller, @PathVariable long epoch) {
        caller.requireRole(OPERATOR, AUDITOR);
        List<PayoutJson> payouts = views.payouts(epoch).stream().map(PayoutJson::of).toList();
        List<Map<String, String>> carried = views.carried(epoch).stream()
                .map(c -> Map.of("account", c.account(), "carriedUnits", c.carriedUnits().toString())).toList();
        return Map.of("epoch", epoch, "payouts", payouts, "carried", carried);
    }

    @GetMapping("/{epoch}/payouts/{account}/proof")
    PayoutProofJson proof(Caller caller, @PathVariable long epoch, @PathVariable String account) {
        caller.requireRole(OPERATOR, AUDITOR);
        List<EpochViews.PayoutView> payouts = views.payouts(epoch);
        String wanted = account.toLowerCase();
        for (int i = 0; i < payouts.size(); i++) {
            if (payouts.get(i).account().toLowerCase().equals(wanted)) {
                EpochViews.PayoutView payout = payouts.get(i);
                List<String> proof = EpochRoots.payoutProof(payouts.stream().map(EpochViews.PayoutView::payout).toList(), i);
                return new PayoutProofJson(epoch, Keys.toChecksumAddress(payout.account()),
                        payout.amountUnits().toString(), views.epoch(epoch).payoutRoot(), proof);
            }
        }
        throw new LedgerRejection(RejectionCode.PAYOUT_NOT_FOUND, "no payout to " + account + " in epoch " + epoch);
    }

    private EpochJson current(EpochClosedEvent closed) {
        return views.find(closed.epoch()).map(view -> EpochJson.of(view, views.steps(closed.epoch()),
                        views.withheldUsage(closed.epoch())))
                .orElseGet(() -> EpochJson.closed(closed));
    }

    /** The body may be empty or an empty object: these routes take no fields. */
    private void requireNoFields(byte[] body) {
        if (body != null && body.length > 0) {
            JsonFields.of(bodies.parse(body), Set.of()).throwIfInvalid();
        }
    }

    record PayoutJson(String account, String amountUnits, String status, String txHash, Long blockNumber,
                      Integer batch) {

        static PayoutJson of(EpochViews.PayoutView p) {
            return new PayoutJson(p.account(), p.amountUnits().toString(), p.status(), p.txHash(), p.blockNumber(),
                    p.batch());
        }
    }

    record PayoutProofJson(long epoch, String account, String amountUnits, String root, List<String> proof) {
    }
}
