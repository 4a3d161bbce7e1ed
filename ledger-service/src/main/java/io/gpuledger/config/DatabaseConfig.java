package io.gpuledger.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL the ledger runs on: the one named by LEDGER_DB_URL, or else a real PostgreSQL
 * started in-process whose data lives in a local folder, so a newcomer needs nothing installed.
 */
@Configuration
public class DatabaseConfig {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfig.class);

    @ConfigurationProperties("ledger.db")
    public record DbProperties(String url, String user, String password, String localDataDir, int poolSize) {
    }

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(DbProperties db) throws IOException {
        HikariConfig hikari = new HikariConfig();
        if (db.url() == null || db.url().isBlank()) {
            Path dataDir = Path.of(db.localDataDir());
            EmbeddedPostgres local = startLocalPostgres(dataDir);
            String url = local.getJdbcUrl("postgres", "postgres");
            hikari.setJdbcUrl(url);
            hikari.setUsername("postgres");
            // While it runs, commands such as './ledger reconcile' find the local database here.
            Path urlFile = dataDir.resolveSibling("local-postgres.url");
            Files.writeString(urlFile, url);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                closeQuietly(local);
                urlFile.toFile().delete();
            }));
        } else {
            hikari.setJdbcUrl(db.url());
            hikari.setUsername(db.user());
            hikari.setPassword(db.password());
        }
        hikari.setMaximumPoolSize(db.poolSize());
        // Lets the driver send a JDBC batch of inserts (events, usage lines) as multi-row statements.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.setPoolName("ledger");
        return new HikariDataSource(hikari);
    }

    private static EmbeddedPostgres startLocalPostgres(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        log.info("LEDGER_DB_URL is not set: starting a local PostgreSQL with its data in {}", dataDir.toAbsolutePath());
        return EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                // The embedded defaults turn fsync and synchronous commits off; a ledger must not lose an
                // accepted event, so both go back on (a later -c overrides the -F it starts with).
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                // Its log is the ledger's log here: errors without DETAIL, which quotes row values
                // (a failing row, a duplicate key) and so request data.
                .setServerConfig("log_error_verbosity", "terse")
                .start();
    }

    private static void closeQuietly(EmbeddedPostgres postgres) {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Local PostgreSQL did not stop cleanly", e);
        }
    }

}
