package io.gpuledger.config;

import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Stops the serving ledger in order on TERM and INT (a deployment's stop, Ctrl-C in the run
 * command). Left to the JVM, a signal runs every shutdown hook at once, and the local PostgreSQL
 * (see {@link DatabaseConfig}) stops in one of them: the database could go while requests and event
 * processors still use it, and processors that cannot release their token claims make the next
 * start wait until the claims expire. So the signal closes the application first (draining
 * requests, stopping processors and the chain worker, closing the pool), and only then exits, which
 * runs the hooks that stop the database.
 */
public final class OrderlyShutdown {

    private OrderlyShutdown() {
    }

    public static void install(ConfigurableApplicationContext application) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                application.close();
                // The exit status a process ended by the signal has, as the JVM's own handling gives.
                System.exit(128 + signal.getNumber());
            });
        }
    }
}
