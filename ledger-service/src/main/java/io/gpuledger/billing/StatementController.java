package io.gpuledger.billing;

import static io.gpuledger.auth.Role.AUDITOR;
import static io.gpuledger.auth.Role.MARKETPLACE;
import static io.gpuledger.auth.Role.OPERATOR;

import io.gpuledger.auth.Caller;
import io.gpuledger.auth.Role;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.QueryParameters;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Statements in JSON, CSV with {@code Accept: text/csv}, or JSON Lines with {@code Accept: application/x-ndjson}.
 * A marketplace sees only its own leases;
 * auditors and operators see every marketplace's.
 */
@RestController
@RequestMapping("/v1/statements")
class StatementController {

    private static final String JSON = "application/json";
    private static final String CSV = "text/csv";
    private static final String JSON_LINES = "application/x-ndjson";

    private final Statements statements;
    private final StatementFormats formats;

    StatementController(Statements statements, StatementFormats formats) {
        this.statements = statements;
        this.formats = formats;
    }

    @GetMapping(path = "/providers/{providerId}", produces = JSON)
    @Operation(operationId = "providerStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    StatementJson provider(Caller caller, @PathVariable String providerId, @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to) {
        return StatementJson.of(providerStatement(caller, providerId, from, to), formats.tokenDecimals());
    }

    @GetMapping(path = "/providers/{providerId}", produces = CSV)
    @Operation(operationId = "providerCsvStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    String providerCsv(Caller caller, @PathVariable String providerId, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to) {
        return formats.csv(providerStatement(caller, providerId, from, to));
    }

    @GetMapping(path = "/providers/{providerId}", produces = JSON_LINES)
    @Operation(operationId = "providerJsonLinesStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    String providerJsonLines(Caller caller, @PathVariable String providerId,
                             @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return formats.jsonLines(providerStatement(caller, providerId, from, to));
    }

    @GetMapping(path = "/tenants/{tenantId}", produces = JSON_LINES)
    @Operation(operationId = "tenantJsonLinesStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    String tenantJsonLines(Caller caller, @PathVariable String tenantId,
                           @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return formats.jsonLines(tenantStatement(caller, tenantId, from, to));
    }

    @GetMapping(path = "/marketplace", produces = JSON_LINES)
    @Operation(operationId = "marketplaceJsonLinesStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    String marketplaceJsonLines(Caller caller, @RequestParam(required = false) String marketplaceId,
                                @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return formats.jsonLines(marketplaceStatement(caller, marketplaceId, from, to));
    }

    @GetMapping(path = "/tenants/{tenantId}", produces = JSON)
    @Operation(operationId = "tenantStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    StatementJson tenant(Caller caller, @PathVariable String tenantId, @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to) {
        return StatementJson.of(tenantStatement(caller, tenantId, from, to), formats.tokenDecimals());
    }

    @GetMapping(path = "/tenants/{tenantId}", produces = CSV)
    @Operation(operationId = "tenantCsvStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    String tenantCsv(Caller caller, @PathVariable String tenantId, @RequestParam(required = false) String from,
                     @RequestParam(required = false) String to) {
        return formats.csv(tenantStatement(caller, tenantId, from, to));
    }

    @GetMapping(path = "/marketplace", produces = JSON)
    @Operation(operationId = "marketplaceStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    StatementJson marketplace(Caller caller, @RequestParam(required = false) String marketplaceId,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return StatementJson.of(marketplaceStatement(caller, marketplaceId, from, to), formats.tokenDecimals());
    }

    @GetMapping(path = "/marketplace", produces = CSV)
    @Operation(operationId = "marketplaceCsvStatement", summary = "A statement over a window")
    @Rejects({RejectionCode.VALIDATION_FAILED})
    String marketplaceCsv(Caller caller, @RequestParam(required = false) String marketplaceId,
                          @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return formats.csv(marketplaceStatement(caller, marketplaceId, from, to));
    }

    private Statement providerStatement(Caller caller, String providerId, String from, String to) {
        caller.requireRole(MARKETPLACE, AUDITOR, OPERATOR);
        return statements.forProvider(providerId, ownMarketplace(caller), from(from), to(to));
    }

    private Statement tenantStatement(Caller caller, String tenantId, String from, String to) {
        caller.requireRole(MARKETPLACE, AUDITOR, OPERATOR);
        return statements.forTenant(tenantId, ownMarketplace(caller), from(from), to(to));
    }

    private Statement marketplaceStatement(Caller caller, String marketplaceId, String from, String to) {
        caller.requireRole(MARKETPLACE, AUDITOR, OPERATOR);
        String subject = caller.role() == Role.MARKETPLACE ? caller.marketplaceId() : marketplaceId;
        if (subject == null) {
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED,
                    List.of(new FieldProblem("marketplaceId", "is required for auditors and operators")));
        }
        return statements.forMarketplace(subject, from(from), to(to));
    }

    private static String ownMarketplace(Caller caller) {
        return caller.role() == Role.MARKETPLACE ? caller.marketplaceId() : null;
    }

    private static Instant from(String text) {
        return QueryParameters.instant("from", text);
    }

    private static Instant to(String text) {
        return QueryParameters.instant("to", text);
    }
}
