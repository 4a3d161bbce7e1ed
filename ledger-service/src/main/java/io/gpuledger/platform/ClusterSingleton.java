package io.gpuledger.platform;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work that runs on one instance at a time among all the instances on one database: the instance
 * that holds a PostgreSQL session-level advisory lock leads. The lock lives on a connection of its
 * own, outside the pool, held open while leading: when the leading process ends (stopped, killed,
 * crashed) its connection closes and PostgreSQL releases the lock at once, and the next instance to
 * ask takes it. Each round of the work asks {@link #leads()} first; a leader checks that its session
 * is still alive, a follower tries to take the lock. {@link #release()} gives the work up (a stopped
 * worker); it is taken again by the next {@link #leads()} of any instance. Thread-safe; one object
 * per name and process (see {@link ClusterSingletons}), since two sessions of one process would
 * exclude each other.
 */
public final class ClusterSingleton implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClusterSingleton.class);
    /** The first key of every lock the ledger takes this way: "LEDG". */
    private static final int NAMESPACE = 0x4C454447;

    private final String name;
    private final Callable<Connection> connections;
    private Connection session;
    private boolean leading;
    private boolean closed;
    private String lastProblem;

    ClusterSingleton(String name, Callable<Connection> connections) {
        this.name = name;
        this.connections = connections;
    }

    public String name() {
        return name;
    }

    /** Whether this instance runs the work now: it holds the lock, or has just taken it. */
    public synchronized boolean leads() {
        if (closed) {
            return false;
        }
        try {
            if (session == null || !session.isValid(2)) {
                if (leading) {
                    log.warn("This instance lost its database session and no longer runs {}", name);
                }
                dropSession();
                session = connections.call();
            }
            if (!leading && tryLock()) {
                leading = true;
                log.info("This instance runs {} now", name);
            }
            lastProblem = null;
            return leading;
        } catch (Exception e) {
            dropSession();
            String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!problem.equals(lastProblem)) {
                log.warn("Cannot tell whether this instance runs {}, so it does not: {}", name, problem);
                lastProblem = problem;
            }
            return false;
        }
    }

    /** Whether this instance held the lock when it last asked; asks nothing now. */
    public synchronized boolean leading() {
        return leading;
    }

    /** Gives the work up for good, as the application stops. */
    @Override
    public synchronized void close() {
        closed = true;
        release();
    }

    /** Gives the work up: another instance may take it at once, and this one again later. */
    public synchronized void release() {
        if (leading && session != null) {
            try (PreparedStatement unlock = session.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
                unlock.setInt(1, NAMESPACE);
                unlock.setInt(2, name.hashCode());
                unlock.execute();
            } catch (SQLException e) {
                // closing the session below releases it as well
            }
            log.info("This instance no longer runs {}", name);
        }
        dropSession();
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement lock = session.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, NAMESPACE);
            lock.setInt(2, name.hashCode());
            try (ResultSet result = lock.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private void dropSession() {
        leading = false;
        if (session != null) {
            try {
                session.close();
            } catch (SQLException e) {
                // the session is gone either way, and its lock with it
            }
            session = null;
        }
    }
}
