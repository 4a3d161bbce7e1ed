package io.gpuledger.audit;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.lease.view.LeaseView;
import io.gpuledger.lease.view.LeaseViews;
import io.gpuledger.platform.Cursors;
import io.gpuledger.platform.Page;
import io.gpuledger.platform.PageRequest;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A lease's full history, for the marketplace that owns it and for auditors. */
@RestController
class LeaseHistoryController {

    /** As many as the route answered before it paged: a lease with fewer events shows them all on one page. */
    static final int DEFAULT_LIMIT = Cursors.MAX_LIMIT;

    private final LeaseHistory history;
    private final LeaseViews leases;
    private final Cursors cursors;

    LeaseHistoryController(LeaseHistory history, LeaseViews leases, Cursors cursors) {
        this.history = history;
        this.leases = leases;
        this.cursors = cursors;
    }

    /** Oldest first; pages end at an event's sequence number, so events appended meanwhile never shift a page. */
    @GetMapping(path = "/v1/leases/{leaseId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listLeaseEvents", summary = "A lease's events, oldest first")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR, RejectionCode.LEASE_NOT_FOUND, RejectionCode.AMBIGUOUS_LEASE_ID})
    LeaseEventsJson events(Caller caller, @PathVariable String leaseId,
                           @RequestParam(required = false) String marketplaceId,
                           @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        caller.requireRole(MARKETPLACE, AUDITOR, OPERATOR);
        String owner = caller.role() == MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        if (owner == null) {
            LeaseView lease = leases.find(caller, leaseId, null);
            owner = lease.marketplaceId();
        }
        List<String> list = Arrays.asList("GET /v1/leases/{leaseId}/events", caller.idempotencyScope(), owner, leaseId);
        PageRequest page = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        String aggregateId = LeaseKey.of(owner, leaseId);
        List<LeaseHistory.HistoryEvent> events = history.of(aggregateId, page.afterNumber(-1), page.fetch());
        // The first event opens the lease, so a first page holds it; a later page is never empty either,
        // as its cursor was handed out only when more events followed.
        if (events.isEmpty()) {
            throw new LedgerRejection(RejectionCode.LEASE_NOT_FOUND, "no lease " + leaseId + " for this caller");
        }
        Page<LeaseHistory.HistoryEvent> shown = cursors.page(events, page, e -> Long.toString(e.sequenceNumber()), list);
        return new LeaseEventsJson(leaseId, owner, shown.items(), shown.nextCursor());
    }

    /** A page of a lease's events. */
    record LeaseEventsJson(String leaseId, String marketplaceId, List<LeaseHistory.HistoryEvent> events,
                           String nextCursor) {
    }

}
