package io.gpuledger.audit;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.MARKETPLACE_B;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static io.gpuledger.support.TestKeys.MKT_A;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.eventstore.EventSealer;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.support.Api.Response;
import io.gpuledger.support.LedgerIT;
import io.gpuledger.support.Leases;
import io.gpuledger.support.NodeScripts;
import io.gpuledger.support.TestKeys;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class AuditIT extends LedgerIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventSealer sealer;

    @Test
    void aSettledEventHasAnInclusionProofThatOpenZeppelinsLibraryAccepts() {
        String leaseId = Leases.uniqueId("audit");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 3600)).status()).isEqualTo(201);
        JsonNode usageEvent = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events").get(1);
        String eventId = usageEvent.path("eventId").asText();

        assertThat(api.get(AUDITOR, "/v1/audit/events/" + eventId + "/proof").code()).isEqualTo("EVENT_NOT_SETTLED");
        assertThat(api.post(OPERATOR, "/v1/settlement/epochs", "{}").status()).isEqualTo(201);

        Response proof = await().until(() -> api.get(AUDITOR, "/v1/audit/events/" + eventId + "/proof"),
                r -> r.status() == 200);
        JsonNode body = proof.json();
        assertThat(body.path("hash").asText()).isEqualTo(usageEvent.path("hash").asText());
        String verified = NodeScripts.run("""
                import { StandardMerkleTree } from '@openzeppelin/merkle-tree';
                console.log(StandardMerkleTree.verify('%s', ['bytes32'], ['%s'], %s));
                """.formatted(body.path("eventsRoot").asText(), body.path("hash").asText(), body.path("proof")));
        assertThat(verified).isEqualTo("true");
        NodeScripts.Result auditorsCheck = NodeScripts.runScript("verify-event-proof.mjs", proof.body());
        assertThat(auditorsCheck.exitCode()).as(auditorsCheck.output()).isZero();
        assertThat(auditorsCheck.output()).contains("\"hashMatches\": true", "\"includedInRoot\": true");

        assertThat(api.get(MARKETPLACE_A, "/v1/audit/events/" + eventId + "/proof").status())
                .as("the owning marketplace may prove its event").isEqualTo(200);
        assertThat(api.get(MARKETPLACE_B, "/v1/audit/events/" + eventId + "/proof").code())
                .as("another marketplace may not").isEqualTo("EVENT_NOT_FOUND");
    }

    @Test
    void verificationNamesAStoredEventThatWasAlteredInPostgres() {
        String leaseId = Leases.uniqueId("tamper");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 3600)).status()).isEqualTo(201);
        JsonNode usageEvent = api.get(MARKETPLACE_A, "/v1/leases/" + leaseId + "/events").json().path("events").get(1);
        String eventId = usageEvent.path("eventId").asText();
        // Verification checks what is sealed and changes nothing: wait for the sealer to reach the event.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get(AUDITOR, "/v1/audit/verify").json().path("sealedThrough").asLong()
                        >= usageEvent.path("globalIndex").asLong());
        Response clean = api.get(AUDITOR, "/v1/audit/verify");
        assertThat(clean.json().path("ok").asBoolean()).as(clean.toString()).isTrue();

        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                byte[].class, eventId);
        String forged = new String(original).replace("\"gpuSeconds\":3600", "\"gpuSeconds\":360");
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", forged.getBytes(), eventId);
        try {
            JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
            assertThat(verdict.path("ok").asBoolean()).isFalse();
            assertThat(verdict.path("eventId").asText()).isEqualTo(eventId);
            assertThat(verdict.path("reason").asText()).contains("altered");
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", original, eventId);
        }
        assertThat(api.get(AUDITOR, "/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
    }

    /**
     * An event altered at once after its append, before the sealer reaches it, fails its MAC: the
     * sealer will not seal it and verification names it. The test holds the sealer (its monitor)
     * from the append to the forgery, so the forgery surely comes first.
     */
    @Test
    void verificationNamesAnEventAlteredBeforeItWasSealedAndTheSealerRefusesIt() {
        String leaseId = Leases.uniqueId("tamper-early");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        String eventId;
        byte[] original;
        synchronized (sealer) {
            assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                    Leases.usage("r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 3600)).status()).isEqualTo(201);
            eventId = jdbc.queryForObject("""
                    SELECT event_identifier FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 1
                    """, String.class, LeaseKey.of(MKT_A, leaseId));
            original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE event_identifier = ?",
                    byte[].class, eventId);
            String forged = new String(original).replace("\"gpuSeconds\":3600", "\"gpuSeconds\":360");
            assertThat(forged).isNotEqualTo(new String(original));
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", forged.getBytes(), eventId);
        }
        long index = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId);
        try {
            assertThatThrownBy(sealer::seal).isInstanceOf(EventSealer.TamperedEvent.class);
            assertThat(sealer.lastSeal().globalIndex()).as("the forged event is not sealed").isLessThan(index);
            JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
            assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isFalse();
            assertThat(verdict.path("eventId").asText()).isEqualTo(eventId);
            assertThat(verdict.path("reason").asText()).contains("does not match its MAC", "not sealed yet")
                    .doesNotContain(TestKeys.EVENT_HMAC_KEY);

            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", original, eventId);
            byte[] mac = jdbc.queryForObject("SELECT event_mac FROM domain_event_entry WHERE event_identifier = ?",
                    byte[].class, eventId);
            jdbc.update("UPDATE domain_event_entry SET event_mac = NULL WHERE event_identifier = ?", eventId);
            try {
                assertThat(api.get(AUDITOR, "/v1/audit/verify").json().path("reason").asText())
                        .contains("carries no MAC");
            } finally {
                jdbc.update("UPDATE domain_event_entry SET event_mac = ? WHERE event_identifier = ?", mac, eventId);
            }
        } finally {
            jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE event_identifier = ?", original, eventId);
        }
        assertThat(sealer.seal()).isGreaterThanOrEqualTo(index);
        assertThat(api.get(AUDITOR, "/v1/audit/verify").json().path("ok").asBoolean()).isTrue();
    }
}
