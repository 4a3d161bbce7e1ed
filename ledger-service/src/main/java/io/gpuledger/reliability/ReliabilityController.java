package io.gpuledger.reliability;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;

import io.gpuledger.auth.Caller;
import io.gpuledger.auth.Role;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Cursors;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Page;
import io.gpuledger.platform.PageRequest;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's reliability: a marketplace reads its own leases of the provider, an auditor every
 * marketplace's (or one with {@code ?marketplaceId=}). The leases page in marketplace and lease order
 * (a lease's key never changes); the average and the sums stay over all the provider's leases.
 */
@RestController
class ReliabilityController {

    static final int DEFAULT_LIMIT = Cursors.MAX_LIMIT;

    private final Reliability reliability;
    private final Cursors cursors;
    private final Clock clock = Clock.systemUTC();

    ReliabilityController(Reliability reliability, Cursors cursors) {
        this.reliability = reliability;
        this.cursors = cursors;
    }

    @GetMapping(path = "/v1/providers/{providerId}/reliability", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getProviderReliability", summary = "Each SLA window of the provider's leases and its average uptime")
    @Rejects({RejectionCode.VALIDATION_FAILED, RejectionCode.INVALID_CURSOR})
    ReliabilityJson get(Caller caller, @PathVariable String providerId,
                        @RequestParam(required = false) String marketplaceId,
                        @RequestParam(required = false) String limit, @RequestParam(required = false) String cursor) {
        caller.requireRole(MARKETPLACE, AUDITOR);
        if (!JsonFields.isIdentifier(providerId)) {
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED,
                    List.of(new FieldProblem("providerId", "must be an identifier")));
        }
        String marketplace = caller.role() == Role.MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        List<String> list = Arrays.asList("GET /v1/providers/{providerId}/reliability", caller.idempotencyScope(),
                providerId, marketplace);
        PageRequest request = cursors.request(limit, cursor, DEFAULT_LIMIT, list);
        List<Reliability.LeaseReliability> leases = reliability.ofProvider(providerId, marketplace, clock.instant());
        Page<Reliability.LeaseReliability> page = cursors.page(after(leases, request.after()).stream()
                .limit(request.fetch()).toList(), request, ReliabilityController::position, list);
        return ReliabilityJson.of(providerId, leases, page);
    }

    /** The leases after the position a page ended at, in the list's order (marketplace, then lease id). */
    private static List<Reliability.LeaseReliability> after(List<Reliability.LeaseReliability> leases, String after) {
        if (after == null) {
            return leases;
        }
        int slash = after.indexOf('/');
        if (slash < 0) {
            throw Cursors.invalidCursor();
        }
        String marketplaceId = after.substring(0, slash);
        String leaseId = after.substring(slash + 1);
        return leases.stream().filter(l -> l.marketplaceId().compareTo(marketplaceId) > 0
                || l.marketplaceId().equals(marketplaceId) && l.leaseId().compareTo(leaseId) > 0).toList();
    }

    /** A lease's place in the list; neither identifier can hold a slash. */
    private static String position(Reliability.LeaseReliability lease) {
        return lease.marketplaceId() + "/" + lease.leaseId();
    }
}
