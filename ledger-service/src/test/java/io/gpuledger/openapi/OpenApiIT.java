package io.gpuledger.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.support.LedgerIT;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The served OpenAPI description types every body, gives every field an example and lists each route's error codes. */
class OpenApiIT extends LedgerIT {

    private JsonNode docs;

    @BeforeEach
    void readTheDescription() {
        docs = api.get(null, "/v3/api-docs").json();
    }

    @Test
    void everyRouteAnswersWithATypedBodyAndEveryWriteTakesOne() {
        List<String> untyped = new ArrayList<>();
        forEachOperation((route, operation) -> {
            JsonNode success = successOf(operation);
            JsonNode json = success == null ? null : success.path("content").path("application/json").path("schema");
            if (success == null) {
                untyped.add(route + ": no 2xx answer");
            } else if (json != null && !json.isMissingNode() && !json.has("$ref") && !json.has("properties")) {
                untyped.add(route + ": answers " + json);
            }
            if (route.startsWith("POST")) {
                JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
                if (!body.has("$ref")) {
                    untyped.add(route + ": takes " + body);
                }
            }
        });
        assertThat(untyped).isEmpty();
    }

    @Test
    void everyFieldOfEveryBodyHasATypeAndAnExample() {
        List<String> bare = new ArrayList<>();
        docs.path("components").path("schemas").fields().forEachRemaining(schema ->
                schema.getValue().path("properties").fields().forEachRemaining(field -> {
                    JsonNode f = field.getValue();
                    boolean reference = f.has("$ref") || f.has("allOf") || f.path("items").has("$ref");
                    if (!reference && !f.has("type")) {
                        bare.add(schema.getKey() + "." + field.getKey() + " has no type");
                    }
                    if (!reference && !f.has("example") && !f.path("type").asText().matches("array|object")) {
                        bare.add(schema.getKey() + "." + field.getKey() + " has no example");
                    }
                }));
        assertThat(bare).isEmpty();
    }

    @Test
    void everyRouteListsTheCodesItMayAnswer() {
        forEachOperation((route, operation) -> {
            assertThat(codes(operation, "401")).as(route).contains("UNAUTHENTICATED");
            assertThat(codes(operation, "403")).as(route).contains("FORBIDDEN");
            if (route.startsWith("POST")) {
                assertThat(codes(operation, "400")).as(route).contains("IDEMPOTENCY_KEY_MISSING", "MALFORMED_JSON");
                assertThat(codes(operation, "409")).as(route).contains("IDEMPOTENCY_KEY_REUSED");
            }
            assertThat(operation.path("responses").path("401").path("content").path("application/problem+json")
                    .path("schema").path("$ref").asText()).as(route).isEqualTo("#/components/schemas/Problem");
        });
        JsonNode paths = docs.path("paths");
        assertThat(codes(paths.path("/v1/leases").path("post"), "409")).contains("LEASE_EXISTS");
        assertThat(codes(paths.path("/v1/leases").path("get"), "400")).contains("INVALID_CURSOR", "VALIDATION_FAILED");
        assertThat(codes(paths.path("/v1/leases/{leaseId}/usage").path("post"), "422"))
                .contains("USAGE_EXCEEDS_CAPACITY", "USAGE_OUTSIDE_LEASE");
        assertThat(codes(paths.path("/v1/settlement/epochs/{epoch}/payouts").path("get"), "404")).contains("EPOCH_NOT_FOUND");
    }

    @Test
    void amountsAreDecimalStringsAndMomentsAreUtcTimestamps() {
        JsonNode lease = docs.path("components").path("schemas").path("LeaseJson").path("properties");
        assertThat(lease.path("chargedUnits").path("type").asText()).isEqualTo("string");
        assertThat(lease.path("chargedUnits").path("pattern").asText()).isEqualTo("^-?[0-9]+$");
        assertThat(lease.path("startsAt").path("format").asText()).isEqualTo("date-time");
        assertThat(lease.path("startsAt").path("example").asText()).isEqualTo("2026-11-01T00:00:00Z");
        JsonNode open = docs.path("components").path("schemas").path("OpenLeaseRequest");
        assertThat(open.path("required")).extracting(JsonNode::asText).contains("leaseId", "startsAt", "gpuCount");
    }

    private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> check) {
        docs.path("paths").fields().forEachRemaining((Map.Entry<String, JsonNode> path) -> {
            if (path.getKey().startsWith("/v1/")) {
                path.getValue().fields().forEachRemaining(operation ->
                        check.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue()));
            }
        });
    }

    private static JsonNode successOf(JsonNode operation) {
        for (String status : List.of("200", "201", "202")) {
            if (operation.path("responses").has(status)) {
                return operation.path("responses").path(status);
            }
        }
        return null;
    }

    private static List<String> codes(JsonNode operation, String status) {
        List<String> codes = new ArrayList<>();
        operation.path("responses").path(status).path("x-codes").forEach(code -> codes.add(code.asText()));
        return codes;
    }
}
