package io.gpuledger.platform;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Hands out the {@link ClusterSingleton} of each name, one per process, each on a connection of its
 * own opened with the pool's settings but outside it (a held lock must not take a pooled connection
 * from the requests), and gives them all up when the application stops.
 */
@Component
public class ClusterSingletons {

    private final Callable<Connection> connections;
    private final Map<String, ClusterSingleton> byName = new ConcurrentHashMap<>();

    ClusterSingletons(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource pool) {
            this.connections = () -> DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(),
                    pool.getPassword());
        } else {
            this.connections = dataSource::getConnection;
        }
    }

    public ClusterSingleton named(String name) {
        return byName.computeIfAbsent(name, n -> new ClusterSingleton(n, connections));
    }

    @PreDestroy
    void giveUpAll() {
        byName.values().forEach(ClusterSingleton::close);
    }
}
