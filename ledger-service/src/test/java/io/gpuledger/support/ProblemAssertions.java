package io.gpuledger.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.Api.Response;
import java.util.ArrayList;
import java.util.List;

/** Every rejection is RFC 9457 problem+json with type, title, status and the ledger's stable code. */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    public static JsonNode assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("code").asText()).as(response.toString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    /** The fields a problem names in {@code errors[].field}, in order. */
    public static List<String> errorFields(Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }
}
