package io.gpuledger.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.support.Api;
import io.gpuledger.support.LedgerProcess;
import io.gpuledger.support.TestPostgres;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Readiness is not UP while the schema is migrating: a database one migration behind, whose next
 * migration waits on a lock this test holds, keeps the starting service unready (no port, or not
 * 200) for as long as the migration waits, and ready once it is through.
 */
class ReadinessWhileMigratingIT {

    /** The last version the database has before the service starts; the next one alters domain_event_entry. */
    private static final String BEHIND = "110";

    @Test
    void readinessIsNotUpUntilTheMigrationsHaveFinished() throws Exception {
        TestPostgres.Database db = TestPostgres.freshDatabase("migrating");
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .target(BEHIND).load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(db.url(), db.user(), db.password()));
        try (LedgerProcess ledger = new LedgerProcess("migrating", db.environment());
             Connection blocker = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            blocker.setAutoCommit(false);
            try (Statement lock = blocker.createStatement()) {
                lock.execute("LOCK TABLE domain_event_entry IN ACCESS SHARE MODE");
            }
            ledger.begin(Map.of());
            Api api = new Api(ledger.port());

            await("the next migration to wait on the lock").atMost(Duration.ofSeconds(120)).until(() ->
                    jdbc.queryForObject("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE datname = current_database() AND wait_event_type = 'Lock'
                              AND query ILIKE '%ALTER TABLE domain_event_entry%'""", Long.class) > 0);
            await("readiness to stay down while the migration waits").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10)).until(() -> ledger.isAlive() && !ready(api));

            blocker.commit();
            await("readiness once migrated").atMost(Duration.ofSeconds(120)).until(() -> ready(api));
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE NOT success",
                    Long.class)).isZero();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE version = '111'",
                    Long.class)).isOne();
        }
    }

    private static boolean ready(Api api) {
        try {
            return api.get(null, "/actuator/health/readiness").status() == 200;
        } catch (UncheckedIOException noPortYet) {
            return false;
        }
    }
}
