package io.gpuledger.auth;

import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.LedgerApplication;
import io.gpuledger.cli.LedgerCli;
import io.gpuledger.support.Api;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.CapturedLogs;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.TestKeys;
import io.gpuledger.support.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** Keys made, listed, used, expired and revoked by an operator, through routes, the CLI and two instances. */
class KeyLifecycleIT extends LedgerIT {

    private static final String A_MARKETPLACE_READ = "/v1/statements/marketplace";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aNewKeyWorksAtOnceIsListedWithoutItsSecretAndFailsFromTheRequestAfterItsRevoke() {
        Response created = create("{\"marketplaceId\": \"mkt-keys\", \"role\": \"MARKETPLACE\", \"label\": \"billing job\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String keyId = created.json().path("keyId").asText();
        String key = created.json().path("key").asText();
        assertThat(key).startsWith("mkt_").hasSize(4 + 64);
        assertThat(created.header("Cache-Control")).isEqualTo("no-store");

        assertThat(api.get(key, A_MARKETPLACE_READ).status()).isEqualTo(200);
        Response listed = api.get(OPERATOR, "/v1/keys?limit=1000");
        assertThat(listed.body()).doesNotContain(key);
        JsonNode row = find(listed, keyId);
        assertThat(row.path("marketplaceId").asText()).isEqualTo("mkt-keys");
        assertThat(row.path("role").asText()).isEqualTo("MARKETPLACE");
        assertThat(row.path("label").asText()).isEqualTo("billing job");
        assertThat(row.path("revokedAt").isNull()).isTrue();
        assertThat(row.path("lastUsedAt").isNull()).as("used once: %s", row).isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE key_hash = ?", Long.class,
                (Object) ApiKeys.sha256(key))).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_record WHERE response_body LIKE ?",
                Long.class, "%" + key + "%")).as("the secret is not kept for replays").isZero();

        Response revoked = api.post(OPERATOR, "/v1/keys/" + keyId + "/revoke", "{}");
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
        assertThat(revoked.json().path("revokedAt").isNull()).isFalse();
        Response refused = api.get(key, A_MARKETPLACE_READ);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(api.post(OPERATOR, "/v1/keys/" + keyId + "/revoke", "").json().path("revokedAt").asText())
                .as("a second revoke keeps the first").isEqualTo(revoked.json().path("revokedAt").asText());
    }

    @Test
    void aKeysSecretIsInNoLogLineWhileItIsMadeUsedRefusedAndRevoked() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            Response created = create("{\"marketplaceId\": \"mkt-keys\", \"role\": \"MARKETPLACE\"}");
            String key = created.json().path("key").asText();
            api.get(key, A_MARKETPLACE_READ);
            api.get(key, "/v1/settlement/epochs");
            api.post(OPERATOR, "/v1/keys/" + created.json().path("keyId").asText() + "/revoke", "{}");
            api.get(key, A_MARKETPLACE_READ);
            assertThat(logs.all()).doesNotContain(key).doesNotContain(key.substring(4));
        }
    }

    @Test
    void lastUseIsWrittenOnceAMinuteNotOnEveryRequest() {
        Response created = create("{\"marketplaceId\": \"mkt-keys\", \"role\": \"MARKETPLACE\"}");
        String key = created.json().path("key").asText();
        String keyId = created.json().path("keyId").asText();
        assertThat(api.get(key, A_MARKETPLACE_READ).status()).isEqualTo(200);
        Instant first = lastUsed(keyId);
        assertThat(first).isNotNull();
        for (int i = 0; i < 3; i++) {
            assertThat(api.get(key, A_MARKETPLACE_READ).status()).isEqualTo(200);
        }
        assertThat(lastUsed(keyId)).isEqualTo(first);
    }

    @Test
    void anExpiredKeyIsRefused() {
        Response created = create("{\"marketplaceId\": \"mkt-keys\", \"role\": \"AUDITOR\", \"expiresAt\": \"x\"}"
                .replace("\"x\"", "\"" + Instant.now().plusSeconds(3) + "\"").replace("mkt-keys", "*"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String key = created.json().path("key").asText();
        assertThat(key).startsWith("aud_");
        assertThat(api.get(key, "/v1/settlement/epochs").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(key, "/v1/settlement/epochs").status() == 401);
    }

    @Test
    void aRetriedCreateAnswersTheSameKeyWithoutItsSecretAndMakesNoSecondKey() {
        String idempotencyKey = UUID.randomUUID().toString();
        String body = "{\"marketplaceId\": \"mkt-keys\", \"role\": \"MARKETPLACE\", \"label\": \"retried\"}";
        Response first = api.post(OPERATOR, "/v1/keys", idempotencyKey, body);
        Response again = api.post(OPERATOR, "/v1/keys", idempotencyKey, body);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json().path("keyId").asText()).isEqualTo(first.json().path("keyId").asText());
        assertThat(again.json().has("key")).isFalse();
        assertThat(api.post(OPERATOR, "/v1/keys", idempotencyKey, body.replace("retried", "other")).code())
                .isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void badRequestsAreRefusedFieldByFieldAndMakeNoKey() {
        long before = keyCount();
        Response bad = create("{\"marketplaceId\": \"mkt-keys\", \"role\": \"OPERATOR\", \"expiresAt\": "
                + "\"2020-01-01T00:00:00Z\", \"label\": \"tab\\there\", \"extra\": 1}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(StreamSupport.stream(bad.json().path("errors").spliterator(), false)
                .map(e -> e.path("field").asText()).toList())
                .containsExactlyInAnyOrder("marketplaceId", "expiresAt", "label", "extra");
        assertThat(create("{\"marketplaceId\": \"*\", \"role\": \"MARKETPLACE\"}").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(create("{\"marketplaceId\": \"mkt-keys\", \"role\": \"ROOT\"}").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(keyCount()).isEqualTo(before);
        Response unknown = api.post(OPERATOR, "/v1/keys/key_nosuchkey/revoke", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("KEY_NOT_FOUND");
        assertThat(api.get(OPERATOR, "/v1/keys?cursor=!!!").code()).isEqualTo("INVALID_CURSOR");
    }

    @Test
    void keysListInPagesOfTheirCreationOrder() {
        for (int i = 0; i < 3; i++) {
            create("{\"marketplaceId\": \"mkt-keys\", \"role\": \"MARKETPLACE\"}");
        }
        long total = keyCount();
        long seen = 0;
        String cursor = null;
        do {
            Response page = api.get(OPERATOR, "/v1/keys?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.status()).isEqualTo(200);
            seen += page.json().path("items").size();
            cursor = page.json().path("nextCursor").isNull() ? null : page.json().path("nextCursor").asText();
        } while (cursor != null);
        assertThat(seen).isEqualTo(total);
    }

    @Test
    void aKeyMadeOnOneInstanceWorksOnTheOtherAndARevokeThereHoldsHereAtOnce() {
        TestPostgres.Database db = TestPostgres.get();
        try (ConfigurableApplicationContext second = new SpringApplication(LedgerApplication.class).run(
                "--server.port=0", "--ledger.db.url=" + db.url(), "--ledger.db.user=" + db.user(),
                "--ledger.db.password=" + db.password(), "--ledger.bootstrap-keys=" + TestKeys.BOOTSTRAP)) {
            Api other = new Api(Integer.parseInt(second.getEnvironment().getProperty("local.server.port")));
            Response created = create("{\"marketplaceId\": \"mkt-keys\", \"role\": \"MARKETPLACE\"}");
            String key = created.json().path("key").asText();
            assertThat(other.get(key, A_MARKETPLACE_READ).status()).isEqualTo(200);
            assertThat(api.get(key, A_MARKETPLACE_READ).status()).isEqualTo(200);

            Response revoked = other.post(OPERATOR, "/v1/keys/" + created.json().path("keyId").asText() + "/revoke", "{}");
            assertThat(revoked.status()).isEqualTo(200);
            assertThat(api.get(key, A_MARKETPLACE_READ).status()).isEqualTo(401);
            assertThat(other.get(key, A_MARKETPLACE_READ).status()).isEqualTo(401);
        }
    }

    @Test
    void theCommandLineMakesListsAndRevokesKeysAndShowsTheSecretOnlyOnItsOutput() throws Exception {
        Cli create = cli("keys", "create", "--marketplace=mkt-cli", "--role=MARKETPLACE", "--label=from the cli");
        assertThat(create.exit()).as(create.err()).isZero();
        JsonNode made = new com.fasterxml.jackson.databind.ObjectMapper().readTree(create.out());
        String key = made.path("key").asText();
        assertThat(api.get(key, A_MARKETPLACE_READ).status()).isEqualTo(200);

        Cli list = cli("keys", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains(made.path("keyId").asText()).doesNotContain(key);

        Cli revoke = cli("keys", "revoke", made.path("keyId").asText());
        assertThat(revoke.exit()).as(revoke.err()).isZero();
        assertThat(api.get(key, A_MARKETPLACE_READ).status()).isEqualTo(401);

        Cli refused = cli("keys", "create", "--marketplace=*", "--role=MARKETPLACE");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("marketplaceId");
        assertThat(cli("keys", "revoke", "key_" + HexFormat.of().formatHex(new byte[16])).exit()).isEqualTo(2);
    }

    private Response create(String body) {
        return api.post(OPERATOR, "/v1/keys", body);
    }

    private Instant lastUsed(String keyId) {
        return jdbc.queryForObject("SELECT last_used_at FROM api_key WHERE key_id = ?",
                (rs, i) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant(), keyId);
    }

    private long keyCount() {
        return jdbc.queryForObject("SELECT count(*) FROM api_key", Long.class);
    }

    private static JsonNode find(Response list, String keyId) {
        return StreamSupport.stream(list.json().path("items").spliterator(), false)
                .filter(k -> k.path("keyId").asText().equals(keyId)).findFirst().orElseThrow();
    }

    private record Cli(int exit, String out, String err) {
    }

    private static Cli cli(String... words) {
        TestPostgres.Database db = TestPostgres.get();
        String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(words), java.util.stream.Stream.of(
                "--ledger.db.url=" + db.url(), "--ledger.db.user=" + db.user(), "--ledger.db.password=" + db.password(),
                "--server.port=0")).toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = LedgerCli.run(LedgerApplication.class, args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
