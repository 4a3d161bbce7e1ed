package io.gpuledger.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where PostgreSQL spends its time per report, from pg_stat_statements ({@code pgStatements=true}):
 * counted over the ledger's rounds only, the baseline's rounds paused out.
 */
class PgStatements {

    static final PgStatements NONE = new PgStatements(null);

    private final String jdbcUrl;

    private PgStatements(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    static PgStatements install(String jdbcUrl) throws SQLException {
        PgStatements statements = new PgStatements(jdbcUrl);
        statements.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return statements;
    }

    void reset() throws SQLException {
        execute("SELECT pg_stat_statements_reset()");
    }

    void pause() throws SQLException {
        execute("ALTER SYSTEM SET pg_stat_statements.track = 'none'; SELECT pg_reload_conf()");
    }

    void resume() throws SQLException {
        execute("ALTER SYSTEM SET pg_stat_statements.track = 'top'; SELECT pg_reload_conf()");
    }

    void print(long reports) throws SQLException {
        if (jdbcUrl == null) {
            return;
        }
        System.out.println();
        System.out.println("== PostgreSQL time per report, by statement (pg_stat_statements) ==");
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT total_exec_time, calls, rows, regexp_replace(query, '\\s+', ' ', 'g')
                     FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
                     ORDER BY total_exec_time DESC LIMIT 20""")) {
            while (rs.next()) {
                System.out.printf("%7.2f µs  %,10d calls %,12d rows  %.110s%n", rs.getDouble(1) * 1000 / reports,
                        rs.getLong(2), rs.getLong(3), rs.getString(4));
            }
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal")) {
            rs.next();
            System.out.printf("WAL per report: %.1f records, %.3f full-page images, %,.0f bytes (since the start)%n",
                    rs.getDouble(1) / reports, rs.getDouble(2) / reports, rs.getDouble(3) / reports);
        }
        System.out.println("table                 inserted    updated  (HOT)     dead       size");
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd, n_dead_tup,
                            pg_size_pretty(pg_total_relation_size(relid))
                     FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 8""")) {
            while (rs.next()) {
                System.out.printf("%-20s %,10d %,10d %,10d %,8d %10s%n", rs.getString(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getString(6));
            }
        }
    }

    private long[] atSingleStart;

    /** Counts from here for {@link #printPerCall}: the statements, and the commits and WAL flushes. */
    void startCalls() throws SQLException {
        if (jdbcUrl == null) {
            return;
        }
        reset();
        atSingleStart = commitsAndWalSyncs();
    }

    /**
     * Round trips and PostgreSQL time per single-report call since {@link #startCalls}, the ledger's
     * background work (projections, sealer) included: it runs because of those calls.
     */
    void printPerCall(long calls) throws SQLException {
        if (jdbcUrl == null) {
            return;
        }
        long[] now = commitsAndWalSyncs();
        System.out.println();
        System.out.println("== PostgreSQL per single-report call, by statement (pg_stat_statements) ==");
        double statementsPerCall = 0;
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT calls, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g')
                     FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
                     ORDER BY calls DESC""")) {
            int shown = 0;
            while (rs.next()) {
                statementsPerCall += (double) rs.getLong(1) / calls;
                if (shown++ < 15) {
                    System.out.printf("%6.2f per call %7.1f µs each  %.110s%n", (double) rs.getLong(1) / calls,
                            rs.getDouble(2) * 1000 / Math.max(1, rs.getLong(1)), rs.getString(3));
                }
            }
        }
        System.out.printf("statements per call %.1f; commits per call %.2f; WAL flushes per call %.2f, %.2f ms each%n",
                statementsPerCall, (double) (now[0] - atSingleStart[0]) / calls,
                (double) (now[1] - atSingleStart[1]) / calls,
                (now[2] - atSingleStart[2]) / 1000.0 / Math.max(1, now[1] - atSingleStart[1]));
    }

    /** Commits in the database, WAL syncs and their time in µs (track_wal_io_timing, else 0). */
    private long[] commitsAndWalSyncs() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("""
                     SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                            wal_sync, (wal_sync_time * 1000)::bigint FROM pg_stat_wal""")) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    private void execute(String sql) throws SQLException {
        if (jdbcUrl == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
