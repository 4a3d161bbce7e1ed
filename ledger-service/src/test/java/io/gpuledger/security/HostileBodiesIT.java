package io.gpuledger.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.security.HostileBodies.Case;
import io.gpuledger.security.HostileBodies.PostRoute;
import io.gpuledger.support.Leases;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.TestKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every POST route, fed malformed bodies that jqwik generates ({@link HostileBodies}): each is
 * refused with a 4xx problem document that names the field at fault, and adds no event.
 *
 * <p>Why JUnit's {@code @ParameterizedTest} and not a jqwik {@code @Property}: jqwik runs on its own
 * engine, which does not apply JUnit Jupiter extensions, so a property could not share the Spring
 * context (started once for every {@link LedgerIT}, on embedded PostgreSQL) and would have to start
 * a second ledger. Here jqwik's arbitraries draw the cases from a seeded source instead, and the
 * shared context answers them. The same arbitraries drive jqwik properties proper, with shrinking,
 * against the request parsers themselves ({@code LeaseRequestPropertyTest}, {@code UsageRequestPropertyTest}).
 * A failing run prints its seed; {@code -Dledger.hostile.seed=N} repeats it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileBodiesIT extends LedgerIT {

    /** Cases per route; with six routes this keeps the class to a few seconds. */
    private static final int CASES_PER_ROUTE = 120;
    private static final long SEED = Long.getLong("ledger.hostile.seed", new Random().nextLong());
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private String leaseId;

    @BeforeAll
    void openALeaseToAimAt() {
        leaseId = Leases.uniqueId("hostile");
        assertThat(new io.gpuledger.support.Api(port).post(TestKeys.MARKETPLACE_A, "/v1/leases", Leases.open(leaseId))
                .status()).isEqualTo(201);
    }

    static Stream<Case> hostileBodies() {
        System.out.println("HostileBodiesIT seed: " + SEED + " (repeat with -Dledger.hostile.seed=" + SEED + ")");
        List<Case> cases = new ArrayList<>();
        for (PostRoute route : PostRoute.values()) {
            cases.addAll(HostileBodies.sample(route, CASES_PER_ROUTE, SEED));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void aMalformedBodyIsRefusedWithAProblemThatNamesTheFieldAndChangesNothing(Case hostile) throws Exception {
        long eventsBefore = events();

        HttpResponse<String> response = post(hostile);

        String said = "seed " + SEED + ", " + hostile + " answered " + response.statusCode() + " "
                + abbreviate(response.body());
        assertThat(events()).as(said + "\nadds no event").isEqualTo(eventsBefore);
        if (hostile.perReport() && response.statusCode() == 200) {
            // A batch answers per report: the malformed report is REJECTED, and the batch still 200.
            JsonNode result = JSON.readTree(response.body()).path("results").get(0);
            assertThat(result.path("status").asText()).as(said).isEqualTo("REJECTED");
            assertThat(result.path("code").asText()).as(said).isEqualTo("VALIDATION_FAILED");
            assertThat(fields(result)).as(said).containsAnyElementsOf(hostile.fields());
            return;
        }
        assertThat(response.statusCode()).as(said).isBetween(400, 499);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).as(said)
                .startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("type").asText()).as(said).startsWith("urn:gpu-ledger:problem:");
        assertThat(problem.path("title").asText()).as(said).isNotBlank();
        assertThat(problem.path("status").asInt()).as(said).isEqualTo(response.statusCode());
        assertThat(problem.path("code").asText()).as(said).matches("[A-Z][A-Z_]+");
        if (!hostile.fields().isEmpty()) {
            assertThat(fields(problem)).as(said).containsAnyElementsOf(hostile.fields());
        }
    }

    private HttpResponse<String> post(Case hostile) throws IOException, InterruptedException {
        byte[] body = new String(hostile.body(), StandardCharsets.ISO_8859_1).replace("{leaseId}", leaseId)
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + hostile.route().path.replace("{leaseId}", leaseId)))
                .header("Authorization", "Bearer " + (hostile.route() == PostRoute.CLOSE_EPOCH
                        ? TestKeys.OPERATOR : TestKeys.MARKETPLACE_A))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", hostile.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fields(JsonNode problem) {
        List<String> fields = new ArrayList<>();
        problem.path("errors").forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private long events() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
