package io.gpuledger.audit;

import static io.gpuledger.support.TestKeys.AUDITOR;
import static io.gpuledger.support.TestKeys.MARKETPLACE_A;
import static io.gpuledger.support.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.LedgerApplication;
import io.gpuledger.support.Api;
import io.gpuledger.support.Leases;
import io.gpuledger.support.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Verification checks every epoch, however many there are: past a thousand, the settlement roots and
 * the journal's epoch cuts are checked from the first epoch on, not from the newest thousand (which
 * made the oldest of those seem to start in the wrong place). Its own database, so the count is exact.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ManyEpochsVerifyIT {

    private static final int EPOCHS = 1_001;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry registry) {
        TestPostgres.freshDatabase("many_epochs").registerWith(registry);
    }

    @Test
    void verificationChecksEveryEpochPastTheFirstThousand() {
        Api api = new Api(port);
        // Usage before the first close, so that the first epoch holds events and the second starts after them.
        String leaseId = Leases.uniqueId("many-epochs");
        assertThat(api.post(MARKETPLACE_A, "/v1/leases", Leases.open(leaseId)).status()).isEqualTo(201);
        assertThat(api.post(MARKETPLACE_A, "/v1/leases/" + leaseId + "/usage",
                Leases.usage("r-1", "2026-11-02T00:00:00Z", "2026-11-02T01:00:00Z", 3600)).status()).isEqualTo(201);
        for (int epoch = 1; epoch <= EPOCHS; epoch++) {
            Api.Response closed = api.post(OPERATOR, "/v1/settlement/epochs", "{}");
            assertThat(closed.status()).as(closed.toString()).isEqualTo(201);
            assertThat(closed.json().path("epoch").asLong()).isEqualTo(epoch);
        }
        // Verification checks what is sealed: wait for the sealer to reach the last close.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(AUDITOR, "/v1/audit/verify").json().path("eventsUnsealed").asLong(0) == 0);
        JsonNode verdict = api.get(AUDITOR, "/v1/audit/verify").json();
        assertThat(verdict.path("ok").asBoolean()).as(verdict.toString()).isTrue();
        assertThat(verdict.path("epochsChecked").asLong()).as(verdict.toString()).isEqualTo(EPOCHS);
    }
}
