package io.gpuledger.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/**
 * The real PostgreSQL that tests run against, one per test JVM: the one named by
 * LEDGER_TEST_DB_URL; else a Testcontainers PostgreSQL where Docker runs; else an embedded
 * PostgreSQL (real binaries from Maven Central), which also works as root on a bare machine. It also
 * gives the ledgers of this JVM their event key ({@link TestKeys#EVENT_HMAC_KEY}).
 */
public final class TestPostgres {

    public record Database(String url, String user, String password) {

        /** A ledger context on this database, with the tests' bootstrap keys. */
        public void registerWith(DynamicPropertyRegistry registry) {
            registry.add("ledger.db.url", this::url);
            registry.add("ledger.db.user", this::user);
            registry.add("ledger.db.password", this::password);
            registry.add("ledger.bootstrap-keys", () -> TestKeys.BOOTSTRAP);
        }

        /** A ledger process's environment for this database, with the tests' bootstrap keys. */
        public Map<String, String> environment() {
            return Map.of("LEDGER_DB_URL", url, "LEDGER_DB_USER", user, "LEDGER_DB_PASSWORD", password,
                    "LEDGER_BOOTSTRAP_KEYS", TestKeys.BOOTSTRAP);
        }
    }

    private static Database database;

    private TestPostgres() {
    }

    public static synchronized Database get() {
        // Every ledger context of this JVM asks for its database here, before its properties are read.
        System.setProperty("ledger.audit.event-hmac-key", TestKeys.EVENT_HMAC_KEY);
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

    /**
     * A new, empty database on the same server, for tests that need the event store to themselves
     * (epoch numbers, chain intents): {@code prefix} plus a random suffix.
     */
    public static Database freshDatabase(String prefix) {
        Database server = get();
        String name = prefix + "_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(server.url(), server.user(),
                server.password()); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return new Database(withDatabase(server.url(), name), server.user(), server.password());
    }

    /** The JDBC URL with its database name replaced: jdbc:postgresql://host:port/NAME?params. */
    static String withDatabase(String url, String name) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        return base.substring(0, base.lastIndexOf('/') + 1) + name + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
