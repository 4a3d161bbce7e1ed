package io.gpuledger.support;

import io.gpuledger.LedgerApplication;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of integration tests: the whole ledger on a random port, on real PostgreSQL, sharing one context,
 * with its metrics exported as in production (Spring Boot's tests leave them out unless asked).
 */
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class LedgerIT {

    @LocalServerPort
    protected int port;
    protected Api api;

    @DynamicPropertySource
    static void ledgerProperties(DynamicPropertyRegistry registry) {
        TestPostgres.Database db = TestPostgres.get();
        registry.add("ledger.db.url", db::url);
        registry.add("ledger.db.user", db::user);
        registry.add("ledger.db.password", db::password);
        registry.add("ledger.bootstrap-keys", () -> TestKeys.BOOTSTRAP);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }
}
