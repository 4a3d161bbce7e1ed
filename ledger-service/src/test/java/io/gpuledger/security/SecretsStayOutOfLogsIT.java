package io.gpuledger.security;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.support.Api.Response;
import io.gpuledger.support.CapturedLogs;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Requests that fail while carrying secrets: wrong and unknown API keys, a known key on a route its
 * role may not use, bodies holding key-like values that fail validation or are not JSON, and a
 * write that fails inside the ledger after its body was read. None of the secrets may appear in
 * any line the application logs, nor in any answer.
 * (Bootstrap keys and the signer key, read at start, are checked by BootstrapKeysSecrecyTest and
 * ChainSettingsSecrecyTest.)
 */
class SecretsStayOutOfLogsIT extends LedgerIT {

    @Autowired
    JdbcTemplate jdbc;

    private final List<Response> answers = new ArrayList<>();

    @Test
    void unknownAndWronglyPresentedKeysAreNeitherLoggedNorEchoed() {
        String unknown = secret("sk_live_");
        String nearMiss = MARKETPLACE_A + "x";
        try (CapturedLogs logs = CapturedLogs.start()) {
            answers.add(api.get(unknown, "/v1/leases/any"));
            answers.add(api.post(unknown, "/v1/leases", Leases.open(Leases.uniqueId("s"))));
            answers.add(api.get(nearMiss, "/v1/statements/marketplace"));
            answers.add(api.get(unknown + " " + unknown, "/v1/audit/verify"));
            answers.add(api.get(unknown.repeat(20), "/v1/audit/verify"));
            answers.forEach(a -> assertThat(a.status()).as(a.toString()).isEqualTo(401));

            assertNowhere(logs, unknown, nearMiss);
        }
    }

    @Test
    void aKnownKeyOnAForbiddenRouteIsNeitherLoggedNorEchoed() {
        try (CapturedLogs logs = CapturedLogs.start()) {
            answers.add(api.post(AUDITOR, "/v1/leases", Leases.open(Leases.uniqueId("s"))));
            answers.add(api.post(MARKETPLACE_A, "/v1/settlement/epochs", "{}"));
            answers.forEach(a -> assertThat(a.status()).as(a.toString()).isEqualTo(403));

            assertNowhere(logs, AUDITOR, MARKETPLACE_A);
        }
    }

    @Test
    void secretsInABodyThatFailsValidationAreNeitherLoggedNorEchoed() {
        String inUnknownField = secret("sk_live_");
        String inBadValue = secret("0x");
        String asBareToken = secret("sk_live_");
        String inBrokenString = secret("sk_live_");
        String asIdempotencyKey = secret("idem_");
        String leaseId = Leases.uniqueId("s");
        try (CapturedLogs logs = CapturedLogs.start()) {
            String valid = Leases.open(leaseId);
            answers.add(api.post(MARKETPLACE_A, "/v1/leases",
                    valid.replaceFirst("\\{", "{\"apiKey\": \"" + inUnknownField + "\", ")));
            answers.add(api.post(MARKETPLACE_A, "/v1/leases",
                    valid.replace("\"tenant-42\"", "\"tenant " + inBadValue + "\"")));
            answers.add(api.post(MARKETPLACE_A, "/v1/leases", valid.replace("\"tenant-42\"", asBareToken)));
            answers.add(api.post(MARKETPLACE_A, "/v1/leases",
                    valid.replace("\"tenant-42\"", "\"" + inBrokenString + "\u0001\"")));
            answers.add(api.post(MARKETPLACE_A, "/v1/leases", asIdempotencyKey + " with a space",
                    valid.replace("\"tenant-42\"", "\"" + asIdempotencyKey + "\"")));
            answers.add(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                    "{\"reportId\": \"r\", \"secret\": " + "[".repeat(40) + "\"" + asBareToken + "\"" + "]".repeat(40) + "}"));
            answers.forEach(a -> assertThat(a.status()).as(a.toString()).isBetween(400, 499));

            assertNowhere(logs, inUnknownField, inBadValue, asBareToken, inBrokenString, asIdempotencyKey);
        }
    }

    /**
     * A write whose body was accepted fails inside the ledger: a constraint planted for this test
     * makes PostgreSQL refuse the stored response, and PostgreSQL's error quotes the failing row,
     * which holds the body's values. The 500 and its log line must not carry them.
     */
    @Test
    void anInternalFailureLogsNeitherTheBodyNorTheKey() {
        // Short, and the lease id, so that it comes first in the stored response and PostgreSQL's
        // error, which cuts each value of the failing row at 64 bytes, quotes all of it.
        String leaseSecret = "sk_live_" + secret("").substring(0, 16);
        jdbc.execute("ALTER TABLE idempotency_record ADD CONSTRAINT security_test_refuses_secret "
                + "CHECK (response_body NOT LIKE '%sk\\_live\\_%') NOT VALID");
        try (CapturedLogs logs = CapturedLogs.start()) {
            String body = Leases.open(leaseSecret);
            Response failed = api.post(MARKETPLACE_A, "/v1/leases", body);
            answers.add(failed);

            assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
            assertThat(failed.code()).isEqualTo("INTERNAL_ERROR");
            assertThat(logs.all()).as("the failure is logged").contains("Request failed unexpectedly");
            assertNowhere(logs, leaseSecret, MARKETPLACE_A);
        } finally {
            jdbc.execute("ALTER TABLE idempotency_record DROP CONSTRAINT security_test_refuses_secret");
        }
    }

    @Test
    void keysAreStoredOnlyAsTheirSha256() throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(MARKETPLACE_A.getBytes(StandardCharsets.UTF_8));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM api_key WHERE key_hash = ?", Long.class, hash)).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT marketplace_id, role, label, encode(key_hash, 'escape') AS raw FROM api_key")
                .toString()).doesNotContain(MARKETPLACE_A).doesNotContain(AUDITOR);
    }

    private void assertNowhere(CapturedLogs logs, String... secrets) {
        List<String> lines = logs.lines();
        for (String secret : secrets) {
            assertThat(lines).as("log lines").noneMatch(line -> line.contains(secret));
            for (Response answer : answers) {
                assertThat(answer.body()).as("an answer").doesNotContain(secret);
                assertThat(answer.raw().headers().map().toString()).as("an answer's headers").doesNotContain(secret);
            }
        }
    }

    private static String secret(String prefix) {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return prefix + HexFormat.of().formatHex(bytes);
    }
}
