package io.gpuledger.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;

/** The benchmarks' embedded PostgreSQL: durable as production runs it, with any {@code pg.NAME=VALUE} argument as a server setting. */
final class BenchDatabase {

    private BenchDatabase() {
    }

    static EmbeddedPostgres.Builder durable(Map<String, String> args) {
        EmbeddedPostgres.Builder database = EmbeddedPostgres.builder()
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("fsync", "on");
        args.forEach((name, value) -> {
            if (name.startsWith("pg.")) {
                database.setServerConfig(name.substring(3), value);
            }
        });
        return database;
    }
}
