package io.gpuledger.audit;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.lease.view.LeaseView;
import io.gpuledger.lease.view.LeaseViews;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.api.LeaseKey;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A lease's full history, for the marketplace that owns it and for auditors. */
@RestController
class LeaseHistoryController {

    private final LeaseHistory history;
    private final LeaseViews leases;

    LeaseHistoryController(LeaseHistory history, LeaseViews leases) {
        this.history = history;
        this.leases = leases;
    }

    @GetMapping(path = "/v1/leases/{leaseId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> events(Caller caller, @PathVariable String leaseId,
                               @RequestParam(required = false) String marketplaceId) {
        caller.requireRole(MARKETPLACE, AUDITOR, OPERATOR);
        String owner = caller.role() == MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        if (owner == null) {
            LeaseView lease = leases.find(caller, leaseId, null);
            owner = lease.marketplaceId();
        }
        List<LeaseHistory.HistoryEvent> events = history.of(LeaseKey.of(owner, leaseId));
        if (events.isEmpty()) {
            throw new LedgerRejection(RejectionCode.LEASE_NOT_FOUND, "no lease " + leaseId + " for this caller");
        }
        return Map.of("leaseId", leaseId, "marketplaceId", owner, "events", events);
    }
}
