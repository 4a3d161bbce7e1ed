package io.gpuledger.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PostgreSQL the ledger runs on: the one named by LEDGER_DB_URL. The service brings no database
 * of its own; on a machine without one, the run command starts a local one and names it.
 */
@Configuration
public class DatabaseConfig {

    @ConfigurationProperties("ledger.db")
    public record DbProperties(String url, String user, String password, int poolSize) {
    }

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(DbProperties db) {
        if (db.url() == null || db.url().isBlank()) {
            throw new IllegalStateException("LEDGER_DB_URL is not set: name the ledger's PostgreSQL "
                    + "(a JDBC URL, with LEDGER_DB_USER and LEDGER_DB_PASSWORD), or start the ledger with ./ledger, "
                    + "which runs a local one");
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(db.url());
        hikari.setUsername(db.user());
        hikari.setPassword(db.password());
        hikari.setMaximumPoolSize(db.poolSize());
        // Lets the driver send a JDBC batch of inserts (events, usage lines) as multi-row statements.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        hikari.setPoolName("ledger");
        return new HikariDataSource(hikari);
    }
}
