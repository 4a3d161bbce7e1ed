package io.gpuledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL that tests run against, one per test JVM: the one named by
 * LEDGER_TEST_DB_URL; else a Testcontainers PostgreSQL where Docker runs; else an embedded
 * PostgreSQL (real binaries from Maven Central), which also works as root on a bare machine.
 */
public final class TestPostgres {

    public record Database(String url, String user, String password) {
    }

    private static Database database;

    private TestPostgres() {
    }

    public static synchronized Database get() {
        if (database == null) {
            database = start();
        }
        return database;
    }

    private static Database start() {
        String url = System.getenv("LEDGER_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return new Database(url, env("LEDGER_TEST_DB_USER", "postgres"), env("LEDGER_TEST_DB_PASSWORD", ""));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
            return new Database(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        try {
            // Logs as the ledger's own local PostgreSQL does (DatabaseConfig): errors without DETAIL.
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("log_error_verbosity", "terse").start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data folder goes with it
                }
            }));
            return new Database(postgres.getJdbcUrl("postgres", "postgres"), "postgres", "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not start an embedded PostgreSQL", e);
        }
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
