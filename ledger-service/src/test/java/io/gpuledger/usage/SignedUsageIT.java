package io.gpuledger.usage;

import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MKT_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.eventstore.EventHashes;
import io.gpuledger.eventstore.StoredEvent;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.Leases;
import io.gpuledger.LedgerApplication;
import io.gpuledger.support.Api;
import io.gpuledger.support.TestKeys;
import io.gpuledger.support.NodeScripts;
import io.gpuledger.support.TestPostgres;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Usage on a lease that names signers, through both routes: every report carries the meter's EIP-712
 * signature, a tenant countersignature may come with it, and the signatures are stored in the lease's
 * history under its event hash. The ledger's domain: anvil's chain id and its first deployment's address.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SignedUsageIT {

    static final UsageSigningDomain DOMAIN = new UsageSigningDomain(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    // anvil's dev accounts 0, 1 and 2: public test keys.
    static final ECKeyPair METER = key("0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    static final ECKeyPair TENANT = key("0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    static final ECKeyPair STRANGER = key("0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a");
    static final String METER_ADDRESS = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final String TENANT_ADDRESS = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String H0 = "2026-11-01T00:00:00Z";
    private static final String H1 = "2026-11-01T01:00:00Z";
    private static final String H2 = "2026-11-01T02:00:00Z";
    private static final String H3 = "2026-11-01T03:00:00Z";

    @LocalServerPort
    private int port;
    private Api api;
    private String leaseId;
    private String usagePath;

    /**
     * A database and a context of its own (not LedgerIT's, whose database the other tests share),
     * closed after the class: this context closes epochs and claims processors, which must not
     * leave the shared context's cached settlement stale or its processors without their claims.
     */
    @DynamicPropertySource
    static void signingDomain(DynamicPropertyRegistry registry) {
        TestPostgres.Database db = TestPostgres.freshDatabase("signed_usage");
        registry.add("ledger.db.url", db::url);
        registry.add("ledger.db.user", db::user);
        registry.add("ledger.db.password", db::password);
        registry.add("ledger.bootstrap-keys", () -> TestKeys.BOOTSTRAP);
        registry.add("ledger.chain.chain-id", () -> DOMAIN.chainId());
        registry.add("ledger.chain.anchor-address", DOMAIN::verifyingContract);
    }

    @BeforeEach
    void openSignedLease() {
        api = new Api(port);
        leaseId = Leases.uniqueId("signed");
        usagePath = "/v1/leases/" + leaseId + "/usage";
        String body = Leases.open(leaseId).replaceFirst("\\}\\s*$", ", \"meterSigner\": \"" + METER_ADDRESS
                + "\", \"tenantSigner\": \"" + TENANT_ADDRESS + "\", \"disputeWindowSeconds\": 3600}");
        Response opened = api.post(MARKETPLACE_A, "/v1/leases", body);
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    }

    @Test
    void aLeaseShowsItsSignersAndDisputeWindow() {
        await().untilAsserted(() -> {
            JsonNode lease = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId).json();
            assertThat(lease.path("meterSigner").asText()).isEqualTo(METER_ADDRESS);
            assertThat(lease.path("tenantSigner").asText()).isEqualTo(TENANT_ADDRESS);
            assertThat(lease.path("disputeWindowSeconds").asLong()).isEqualTo(3600);
        });
    }

    @Test
    void recordsAReportSignedByTheMeterAndCountersignedAndKeepsBothSignaturesInHistoryAndExportUnderTheEventHash() {
        String signature = sign(METER, "r-1", H0, H1, 28800);
        String countersignature = sign(TENANT, "r-1", H0, H1, 28800);

        Response recorded = api.post(MARKETPLACE_A, usagePath, signed("r-1", H0, H1, 28800, signature, countersignature));

        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        JsonNode event = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events").get(1);
        String payload = event.path("payloadText").asText();
        assertThat(payload).contains("\"signature\":\"" + signature + "\"", "\"tenantSignature\":\"" + countersignature + "\"");
        StoredEvent stored = new StoredEvent(0, event.path("eventId").asText(), MKT_A + "/" + leaseId,
                event.path("sequenceNumber").asLong(), event.path("payloadType").asText(), null,
                event.path("recordedAt").asText(), payload.getBytes(StandardCharsets.UTF_8));
        assertThat(Numeric.toHexString(EventHashes.hash(stored))).isEqualTo(event.path("hash").asText());
        assertThat(api.get(MARKETPLACE_A, "/v1/exports/events?leaseId=" + leaseId).body())
                .as("the export carries the stored payload").contains(signature, countersignature);
    }

    @Test
    void anAuditorRecoversEachReportsSignersFromTheHistoryWithEthers() {
        assertThat(api.post(MARKETPLACE_A, usagePath, signed("r-1", H0, H1, 28800, sign(METER, "r-1", H0, H1, 28800),
                sign(TENANT, "r-1", H0, H1, 28800))).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, usagePath, signed("r-2", H1, H2, 14400, sign(METER, "r-2", H1, H2, 14400),
                null)).status()).isEqualTo(201);
        String history = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").body();

        NodeScripts.Result recovered = NodeScripts.runScript("recover-usage-signers.mjs",
                List.of(Long.toString(DOMAIN.chainId()), DOMAIN.verifyingContract()), Map.of(), history);

        assertThat(recovered.exitCode()).as(recovered.output()).isZero();
        assertThat(recovered.output().lines().toList()).containsExactly(
                "{\"reportId\":\"r-1\",\"signer\":\"" + METER_ADDRESS + "\",\"tenantSigner\":\"" + TENANT_ADDRESS + "\"}",
                "{\"reportId\":\"r-2\",\"signer\":\"" + METER_ADDRESS + "\",\"tenantSigner\":null}");
    }

    @Test
    void refusesAReportWithoutTheMetersSignature() {
        Response refused = api.post(MARKETPLACE_A, usagePath, Leases.usage("r-1", H0, H1, 28800));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("USAGE_SIGNATURE_INVALID");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("signature");
    }

    @Test
    void refusesAReportSignedByAnotherKeyOrOverOtherFields() {
        Response byStranger = api.post(MARKETPLACE_A, usagePath,
                signed("r-1", H0, H1, 28800, sign(STRANGER, "r-1", H0, H1, 28800), null));
        Response otherSeconds = api.post(MARKETPLACE_A, usagePath,
                signed("r-1", H0, H1, 28800, sign(METER, "r-1", H0, H1, 28799), null));
        Response wrongCountersignature = api.post(MARKETPLACE_A, usagePath, signed("r-1", H0, H1, 28800,
                sign(METER, "r-1", H0, H1, 28800), sign(STRANGER, "r-1", H0, H1, 28800)));

        assertThat(List.of(byStranger.code(), otherSeconds.code(), wrongCountersignature.code()))
                .containsOnly("USAGE_SIGNATURE_INVALID");
        assertThat(wrongCountersignature.json().at("/errors/0/field").asText()).isEqualTo("tenantSignature");
        assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events").size())
                .as("nothing was recorded").isEqualTo(1);
    }

    @Test
    void refusesAMalformedSignatureBeforeAskingTheLease() {
        Response refused = api.post(MARKETPLACE_A, usagePath, signed("r-1", H0, H1, 28800, "0x1234", null));

        assertThat(refused.code()).isEqualTo("USAGE_SIGNATURE_INVALID");
        assertThat(refused.json().at("/errors/0/field").asText()).isEqualTo("signature");
    }

    @Test
    void rejectsOnlyTheBadlySignedReportsOfABatch() {
        String good = batchReport("r-1", H0, H1, sign(METER, "r-1", H0, H1, 28800));
        String byStranger = batchReport("r-2", H1, H2, sign(STRANGER, "r-2", H1, H2, 28800));
        String malformed = batchReport("r-3", H2, H3, "0x" + "00".repeat(65));

        Response batch = api.post(MARKETPLACE_A, "/v1/usage:batch", Leases.batch(List.of(good, byStranger, malformed)));

        assertThat(batch.status()).as(batch.toString()).isEqualTo(200);
        JsonNode results = batch.json().path("results");
        assertThat(results.get(0).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(results.get(1).path("code").asText()).isEqualTo("USAGE_SIGNATURE_INVALID");
        assertThat(results.get(2).path("code").asText()).isEqualTo("USAGE_SIGNATURE_INVALID");
        assertThat(results.get(2).at("/errors/0/field").asText()).isEqualTo("reports[2].signature");
    }

    @Test
    void disputesAReportTheTenantDidNotCountersignAndVoidsItOnResolution() {
        assertThat(api.post(MARKETPLACE_A, usagePath, signed("r-1", H0, H1, 28800, sign(METER, "r-1", H0, H1, 28800),
                null)).status()).isEqualTo(201);
        String report = "/v1/leases/" + leaseId + "/usage/r-1";

        Response disputed = api.post(MARKETPLACE_A, report + "/dispute", "{\"reason\": \"the meter ran fast\"}");
        Response again = api.post(MARKETPLACE_A, report + "/dispute", "{\"reason\": \"once more\"}");
        Response voided = api.post(MARKETPLACE_A, report + "/resolve", "{\"outcome\": \"VOID\"}");
        Response voidedAgain = api.post(MARKETPLACE_A, report + "/resolve", "{\"outcome\": \"VOID\"}");
        Response accepted = api.post(MARKETPLACE_A, report + "/resolve", "{\"outcome\": \"ACCEPT\"}");

        assertThat(disputed.status()).as(disputed.toString()).isEqualTo(201);
        assertThat(disputed.json().path("status").asText()).isEqualTo("DISPUTED");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("disputedAt").asText()).isEqualTo(disputed.json().path("disputedAt").asText());
        assertThat(voided.status()).as(voided.toString()).isEqualTo(201);
        assertThat(voided.json().path("outcome").asText()).isEqualTo("VOID");
        assertThat(voided.json().path("chargedUnits").asText()).isEqualTo("-16800000");
        assertThat(voidedAgain.status()).isEqualTo(200);
        assertThat(voidedAgain.json().path("chargedUnits").asText()).isEqualTo("-16800000");
        assertThat(accepted.code()).isEqualTo("DISPUTE_ALREADY_RESOLVED");
        assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events"))
                .extracting(e -> e.path("type").asText())
                .containsExactly("LeaseOpenedEvent", "UsageRecordedEvent", "UsageDisputedEvent",
                        "UsageDisputeResolvedEvent", "UsageVoidedEvent");
    }

    @Test
    void refusesToDisputeACountersignedReportOrOneWhoseWindowHasEnded() {
        assertThat(api.post(MARKETPLACE_A, usagePath, signed("r-1", H0, H1, 28800, sign(METER, "r-1", H0, H1, 28800),
                sign(TENANT, "r-1", H0, H1, 28800))).status()).isEqualTo(201);
        String noWindow = Leases.uniqueId("signed");
        api.post(MARKETPLACE_A, "/v1/leases", Leases.open(noWindow).replaceFirst("\\}\\s*$",
                ", \"meterSigner\": \"" + METER_ADDRESS + "\", \"disputeWindowSeconds\": 0}"));
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + noWindow + "/usage", signed("r-1", H0, H1, 28800,
                sign(METER, MKT_A, noWindow, "r-1", H0, H1, 28800), null)).status()).isEqualTo(201);

        Response countersigned = api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage/r-1/dispute",
                "{\"reason\": \"too much\"}");
        Response late = api.post(MARKETPLACE_A, "/v1/leases/" + noWindow + "/usage/r-1/dispute",
                "{\"reason\": \"too much\"}");
        Response notDisputed = api.post(MARKETPLACE_A, "/v1/leases/" + noWindow + "/usage/r-1/resolve",
                "{\"outcome\": \"ACCEPT\"}");

        assertThat(countersigned.status()).isEqualTo(422);
        assertThat(countersigned.code()).isEqualTo("USAGE_COUNTERSIGNED");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.code()).isEqualTo("DISPUTE_WINDOW_CLOSED");
        assertThat(notDisputed.code()).isEqualTo("USAGE_NOT_DISPUTED");
    }

    /**
     * Three hours of 8 GPUs, each 15,960,000 provider units: r-1 countersigned, r-2 in its window at
     * the first close, r-3 disputed then voided. The first close pays r-1 and lists r-2 and r-3; the
     * second, after the window, pays r-2, r-3 and r-3's void; the third pays nothing of the lease.
     */
    @Test
    void epochsLeaveOutUsageInItsWindowOrDisputedAndPayItOnceItSettles() {
        String lease = Leases.uniqueId("windowed");
        String payout = Keys.toChecksumAddress("0x" + HexFormat.of().formatHex(Numeric.toBytesPadded(
                BigInteger.valueOf(ThreadLocalRandom.current().nextLong(Long.MAX_VALUE)), 20)));
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(lease).replace(Leases.PAYOUT_ADDRESS, payout)
                .replaceFirst("\\}\\s*$", ", \"meterSigner\": \"" + METER_ADDRESS + "\", \"tenantSigner\": \""
                        + TENANT_ADDRESS + "\", \"disputeWindowSeconds\": 6}")).status()).isEqualTo(201);
        String at = "/v1/leases/" + lease + "/usage";
        assertThat(api.post(MARKETPLACE_A, at, signed("r-1", H0, H1, 28800, sign(METER, MKT_A, lease, "r-1", H0, H1, 28800),
                sign(TENANT, MKT_A, lease, "r-1", H0, H1, 28800))).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, at, signed("r-2", H1, H2, 28800,
                sign(METER, MKT_A, lease, "r-2", H1, H2, 28800), null)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, at, signed("r-3", H2, H3, 28800,
                sign(METER, MKT_A, lease, "r-3", H2, H3, 28800), null)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, at + "/r-3/dispute", "{\"reason\": \"idle GPUs\"}").status()).isEqualTo(201);
        Instant windowsEnd = Instant.now().plusSeconds(6);

        JsonNode first = closeEpoch();
        assertThat(payoutTo(first, payout)).isEqualTo("15960000");
        assertThat(withheldOf(first.path("withheldUsage"), lease)).containsExactly(
                "r-2 IN_DISPUTE_WINDOW 15960000", "r-3 DISPUTED 15960000");
        assertThat(withheldOf(first.path("releasedUsage"), lease)).isEmpty();

        assertThat(api.post(MARKETPLACE_A, at + "/r-3/resolve", "{\"outcome\": \"VOID\"}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(windowsEnd));
        JsonNode second = closeEpoch();
        assertThat(payoutTo(second, payout)).isEqualTo("15960000");
        assertThat(withheldOf(second.path("withheldUsage"), lease)).isEmpty();
        assertThat(withheldOf(second.path("releasedUsage"), lease)).containsExactly(
                "r-2 IN_DISPUTE_WINDOW 15960000", "r-3 DISPUTED 15960000");

        JsonNode third = closeEpoch();
        assertThat(payoutTo(third, payout)).isNull();
        assertThat(withheldOf(third.path("withheldUsage"), lease)).isEmpty();
        assertThat(withheldOf(third.path("releasedUsage"), lease)).isEmpty();
        await().untilAsserted(() -> assertThat(api.get(MARKETPLACE_A, "/v1/leases/" + lease).json()
                .path("providerUnits").asText()).as("what the lease owes its provider, paid over the epochs")
                .isEqualTo("31920000"));
    }

    /** Closes the next epoch and answers its view once the projection has it, with its payouts. */
    private JsonNode closeEpoch() {
        Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
        long epoch = closed.json().path("epoch").asLong();
        JsonNode view = await().until(() -> api.get(OPERATOR, "/v1/settlement/epochs/" + epoch),
                r -> r.status() == 200).json();
        ObjectNode withPayouts = ((ObjectNode) view).deepCopy();
        withPayouts.set("payouts", api.get(OPERATOR, "/v1/settlement/epochs/" + epoch + "/payouts").json().path("payouts"));
        return withPayouts;
    }

    private static String payoutTo(JsonNode epoch, String account) {
        for (JsonNode payout : epoch.path("payouts")) {
            if (payout.path("account").asText().equalsIgnoreCase(account)) {
                return payout.path("amountUnits").asText();
            }
        }
        return null;
    }

    private static List<String> withheldOf(JsonNode usage, String lease) {
        List<String> found = new ArrayList<>();
        usage.forEach(u -> {
            if (u.path("leaseId").asText().equals(lease)) {
                found.add(u.path("reportId").asText() + " " + u.path("reason").asText() + " "
                        + u.path("providerUnits").asText());
            }
        });
        return found;
    }

    /** An EIP-712 signature of a report of this test's lease. */
    private String sign(ECKeyPair key, String reportId, String start, String end, long gpuSeconds) {
        return sign(key, MKT_A, leaseId, reportId, start, end, gpuSeconds);
    }

    static String sign(ECKeyPair key, String marketplaceId, String leaseId, String reportId, String start, String end,
                       long gpuSeconds) {
        return MeterSignatures.sign(key, DOMAIN, marketplaceId, leaseId, reportId, Instant.parse(start),
                Instant.parse(end), gpuSeconds);
    }

    private String signed(String reportId, String start, String end, long gpuSeconds, String signature,
                          String tenantSignature) {
        return """
                {"reportId": "%s", "periodStart": "%s", "periodEnd": "%s", "gpuSeconds": %d, "signature": "%s"%s}
                """.formatted(reportId, start, end, gpuSeconds, signature,
                tenantSignature == null ? "" : ", \"tenantSignature\": \"" + tenantSignature + "\"");
    }

    private String batchReport(String reportId, String start, String end, String signature) {
        return """
                {"leaseId": "%s", "reportId": "%s", "periodStart": "%s", "periodEnd": "%s", "gpuSeconds": 28800, "signature": "%s"}"""
                .formatted(leaseId, reportId, start, end, signature);
    }

    private static ECKeyPair key(String hex) {
        return ECKeyPair.create(Numeric.toBigInt(hex));
    }
}
