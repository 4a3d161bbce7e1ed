package io.gpuledger.lease.web;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;

import io.gpuledger.account.view.TenantBalances;
import io.gpuledger.auth.Caller;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.lease.view.LeaseViews.Filter;
import io.gpuledger.lease.view.LeaseViews.Listed;
import io.gpuledger.lease.view.LeaseViews;
import io.gpuledger.platform.Cursors;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Page;
import io.gpuledger.platform.PageRequest;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/leases}: a marketplace lists its own leases, an auditor every marketplace's or, with
 * {@code ?marketplaceId=}, one's. Pages follow the leases' numbers (lease_ref), which never change.
 */
@RestController
class LeaseListController {

    static final int DEFAULT_LIMIT = 100;
    private static final List<String> STATES = List.of("ACTIVE", "CLOSED");

    private final LeaseViews leases;
    private final TenantBalances held;
    private final Cursors cursors;

    LeaseListController(LeaseViews leases, TenantBalances held, Cursors cursors) {
        this.leases = leases;
        this.held = held;
        this.cursors = cursors;
    }

    @GetMapping(path = "/v1/leases", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "listLeases", summary = "Leases the caller may see, a page at a time")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR})
    LeaseListJson list(Caller caller, @RequestParam(required = false) String marketplaceId,
                       @RequestParam(required = false) String state, @RequestParam(required = false) String providerId,
                       @RequestParam(required = false) String tenantId, @RequestParam(required = false) String limit,
                       @RequestParam(required = false) String cursor) {
        caller.requireRole(MARKETPLACE, AUDITOR);
        String owner = caller.role() == MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        Filter filter = filter(owner, state, providerId, tenantId);
        List<String> list = Arrays.asList("GET /v1/leases", caller.idempotencyScope(), filter.marketplaceId(),
                filter.state(), filter.providerId(), filter.tenantId());
        PageRequest request = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        Page<Listed> page = cursors.page(leases.list(filter, request.afterNumber(0), request.fetch()), request,
                listed -> Long.toString(listed.leaseRef()), list);
        return new LeaseListJson(withHeldCharges(page.items()), page.nextCursor());
    }

    private List<LeaseJson> withHeldCharges(List<Listed> listed) {
        Map<String, List<String>> byMarketplace = listed.stream().collect(Collectors.groupingBy(
                l -> l.lease().marketplaceId(), Collectors.mapping(l -> l.lease().leaseId(), Collectors.toList())));
        Map<String, Map<String, BigInteger>> heldUnits = byMarketplace.entrySet().stream().collect(
                Collectors.toMap(Map.Entry::getKey, e -> held.heldOfLeases(e.getKey(), e.getValue())));
        return listed.stream().map(l -> LeaseJson.of(l.lease(), heldUnits.get(l.lease().marketplaceId())
                .getOrDefault(l.lease().leaseId(), BigInteger.ZERO))).toList();
    }


    private static Filter filter(String marketplaceId, String state, String providerId, String tenantId) {
        List<FieldProblem> problems = new ArrayList<>();
        identifier("marketplaceId", marketplaceId, problems);
        identifier("providerId", providerId, problems);
        identifier("tenantId", tenantId, problems);
        if (state != null && !STATES.contains(state)) {
            problems.add(new FieldProblem("state", "must be one of " + STATES));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED, problems);
        }
        return new Filter(marketplaceId, state, providerId, tenantId);
    }

    private static void identifier(String field, String value, List<FieldProblem> problems) {
        if (value != null && !JsonFields.IDENTIFIER.matcher(value).matches()) {
            problems.add(new FieldProblem(field, "must be 1-128 characters of letters, digits, '.', '_', ':' or '-', "
                    + "starting with a letter or digit"));
        }
    }
}
