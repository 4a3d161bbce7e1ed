package io.gpuledger.config;

import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Rejects;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.method.HandlerMethod;

/**
 * Lists under each route the problem documents it may answer, grouped by status: those of every
 * route, those of every write, and the route's own from its {@link Rejects}. Each status names its
 * codes in its description and in {@code x-codes}, and points at the one {@code Problem} schema.
 */
@Component
class ProblemResponses implements OperationCustomizer {

    static final String PROBLEM_SCHEMA = "Problem";
    private static final Set<RejectionCode> EVERY_ROUTE = EnumSet.of(RejectionCode.UNAUTHENTICATED,
            RejectionCode.FORBIDDEN, RejectionCode.NOT_ACCEPTABLE, RejectionCode.INTERNAL_ERROR);
    private static final Set<RejectionCode> EVERY_WRITE = EnumSet.of(RejectionCode.IDEMPOTENCY_KEY_MISSING,
            RejectionCode.IDEMPOTENCY_KEY_REUSED, RejectionCode.MALFORMED_JSON, RejectionCode.PAYLOAD_TOO_LARGE,
            RejectionCode.UNSUPPORTED_MEDIA_TYPE);

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        if (!handler.getBeanType().getPackageName().startsWith("io.gpuledger")) {
            return operation;
        }
        Set<RejectionCode> codes = EnumSet.copyOf(EVERY_ROUTE);
        if (handler.hasMethodAnnotation(PostMapping.class)) {
            codes.addAll(EVERY_WRITE);
        }
        Rejects own = handler.getMethodAnnotation(Rejects.class);
        if (own != null) {
            codes.addAll(List.of(own.value()));
        }
        Map<Integer, List<RejectionCode>> byStatus = codes.stream()
                .collect(Collectors.groupingBy(RejectionCode::status, TreeMap::new, Collectors.toList()));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        byStatus.forEach((status, ofStatus) -> responses.addApiResponse(Integer.toString(status), problem(ofStatus)));
        return operation.responses(responses);
    }

    private static ApiResponse problem(List<RejectionCode> codes) {
        List<String> lines = new ArrayList<>();
        codes.forEach(code -> lines.add("`" + code.name() + "`: " + code.title()));
        ApiResponse response = new ApiResponse()
                .description("A problem document (docs/ERRORS.md) with `code` one of: " + String.join("; ", lines));
        response.addExtension("x-codes", codes.stream().map(Enum::name).toList());
        return response.content(new Content().addMediaType("application/problem+json",
                        new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }
}
