package io.gpuledger.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every /v1 request must carry {@code Authorization: Bearer <api key>} of a known key; so must the
 * actuator's endpoints but health (liveness and readiness are for probes, which hold no key), and
 * those are for operators and auditors alone.
 */
@Component
public class ApiKeyFilter extends OncePerRequestFilter {

    public static final String CALLER_ATTRIBUTE = Caller.class.getName();
    private static final String BEARER = "Bearer ";
    private static final String ACTUATOR = "/actuator/";

    private final ApiKeys apiKeys;
    private final ApiKeyUse use;
    private final ObjectMapper json;

    ApiKeyFilter(ApiKeys apiKeys, ApiKeyUse use, ObjectMapper json) {
        this.apiKeys = apiKeys;
        this.use = use;
        this.json = json;
    }

    /**
     * Decided on the path as the router matches it (decoded, normalised, without ;parameters), not
     * on the raw request URI: "/%76%31/leases/x" and "/v1;x/leases/x" reach /v1 routes too.
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = pathOf(request);
        return !path.startsWith("/v1/") && !(path.startsWith(ACTUATOR) && !isHealth(path));
    }

    private static boolean isHealth(String path) {
        return path.equals(ACTUATOR + "health") || path.startsWith(ACTUATOR + "health/");
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<ApiKeys.Authenticated> caller = header != null && header.startsWith(BEARER) && header.length() <= 512
                ? apiKeys.authenticate(header.substring(BEARER.length()).trim())
                : Optional.empty();
        if (caller.isEmpty()) {
            response.setStatus(401);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            response.setContentType(Problems.PROBLEM_JSON.toString());
            json.writeValue(response.getOutputStream(), Problems.of(RejectionCode.UNAUTHENTICATED,
                    "send Authorization: Bearer <api key> with a key this ledger knows", List.of()));
            return;
        }
        if (holdsControlCharacters(request)) {
            // PostgreSQL text cannot hold NUL: such an id would fail as a 500 deep in a query.
            response.setStatus(RejectionCode.VALIDATION_FAILED.status());
            response.setContentType(Problems.PROBLEM_JSON.toString());
            json.writeValue(response.getOutputStream(), Problems.of(RejectionCode.VALIDATION_FAILED,
                    "the path or query holds control characters", List.of(new FieldProblem("path",
                            "must not hold control characters, decoded or not"))));
            return;
        }
        use.used(caller.get().keyId());
        Role role = caller.get().caller().role();
        if (pathOf(request).startsWith(ACTUATOR) && role != Role.OPERATOR && role != Role.AUDITOR) {
            response.setStatus(RejectionCode.FORBIDDEN.status());
            response.setContentType(Problems.PROBLEM_JSON.toString());
            json.writeValue(response.getOutputStream(), Problems.of(RejectionCode.FORBIDDEN,
                    "the actuator's endpoints are open to the OPERATOR and AUDITOR roles", List.of()));
            return;
        }
        request.setAttribute(CALLER_ATTRIBUTE, caller.get().caller());
        chain.doFilter(request, response);
    }

    private static boolean holdsControlCharacters(HttpServletRequest request) {
        String query = request.getQueryString();
        String decoded;
        try {
            decoded = query == null ? "" : URLDecoder.decode(query, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return true;
        }
        String text = request.getServletPath() + Objects.toString(request.getPathInfo(), "") + decoded;
        return text.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
