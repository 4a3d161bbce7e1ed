package io.gpuledger.reliability;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;

import io.gpuledger.auth.Caller;
import io.gpuledger.auth.Role;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Clock;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's reliability: a marketplace reads its own leases of the provider, an auditor every
 * marketplace's (or one with {@code ?marketplaceId=}).
 */
@RestController
class ReliabilityController {

    private final Reliability reliability;
    private final Clock clock = Clock.systemUTC();

    ReliabilityController(Reliability reliability) {
        this.reliability = reliability;
    }

    @GetMapping(path = "/v1/providers/{providerId}/reliability", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "getProviderReliability", summary = "Each SLA window of the provider's leases and its average uptime")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    ReliabilityJson get(Caller caller, @PathVariable String providerId,
                        @RequestParam(required = false) String marketplaceId) {
        caller.requireRole(MARKETPLACE, AUDITOR);
        if (!JsonFields.isIdentifier(providerId)) {
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED,
                    List.of(new FieldProblem("providerId", "must be an identifier")));
        }
        String marketplace = caller.role() == Role.MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        List<Reliability.LeaseReliability> leases = reliability.ofProvider(providerId, marketplace, clock.instant());
        return ReliabilityJson.of(providerId, leases);
    }
}
