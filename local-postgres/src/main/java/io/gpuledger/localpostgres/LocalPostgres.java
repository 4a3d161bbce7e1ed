package io.gpuledger.localpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a real PostgreSQL whose data stays in a folder, for the run command on a machine without
 * one: {@code java -jar local-postgres.jar <data-dir> <url-file>}. Once it accepts connections its
 * JDBC URL is written to the url file; a TERM stops the server and removes the file.
 */
public final class LocalPostgres {

    private LocalPostgres() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -jar local-postgres.jar <data-dir> <url-file>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        Path urlFile = Path.of(args[1]).toAbsolutePath();
        refuseOtherMajorVersion(dataDir);
        EmbeddedPostgres postgres = start(dataDir);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteQuietly(urlFile);
            closeQuietly(postgres);
            stopped.countDown();
        }));
        publish(urlFile, postgres.getJdbcUrl("postgres", "postgres"));
        stopped.await();
    }

    private static EmbeddedPostgres start(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // The embedded defaults turn fsync and synchronous commits off; a ledger must not lose an
                // accepted event, so both go back on (a later -c overrides the -F it starts with).
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // Errors without DETAIL, which quotes row values (a failing row, a duplicate key) and so
                // request data.
                .setServerConfig("log_error_verbosity", "terse")
                .start();
    }

    /** A data folder made by another major version cannot be opened; say so instead of failing obscurely. */
    private static void refuseOtherMajorVersion(Path dataDir) throws IOException {
        Path versionFile = dataDir.resolve("PG_VERSION");
        if (!Files.exists(versionFile)) {
            return;
        }
        String found = Files.readString(versionFile).trim();
        String bundled = bundledMajorVersion();
        if (bundled != null && !bundled.isEmpty() && !bundled.equals(found)) {
            System.err.printf("%s holds a PostgreSQL %s database; this run command brings PostgreSQL %s. "
                    + "Dump it with PostgreSQL %s's pg_dump and restore it into a new folder, or point "
                    + "LEDGER_DB_URL at a server of that version.%n", dataDir, found, bundled, found);
            System.exit(3);
        }
    }

    /** The major version of the bundled binaries, which the build writes into local-postgres.properties. */
    private static String bundledMajorVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = LocalPostgres.class.getResourceAsStream("/local-postgres.properties")) {
            if (in == null) {
                return null;
            }
            build.load(in);
        }
        return build.getProperty("postgres.version", "").split("\\.")[0];
    }

    /** Written whole, then moved in place: a reader never sees half a URL. */
    private static void publish(Path urlFile, String url) throws IOException {
        Path partial = urlFile.resolveSibling(urlFile.getFileName() + ".partial");
        Files.writeString(partial, url);
        Files.move(partial, urlFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The run command treats a URL whose port no longer answers as stale.
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("the local PostgreSQL did not stop cleanly: " + e.getMessage());
        }
    }
}
