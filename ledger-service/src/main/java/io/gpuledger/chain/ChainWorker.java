package io.gpuledger.chain;

import io.gpuledger.platform.ClusterSingleton;
import io.gpuledger.platform.ClusterSingletons;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The one thread that drives unfinished intents to a final state. Each round reads them from the
 * database and advances each by one step. Between rounds it waits: poll-interval after a round
 * that changed something, twice as long after each quiet or failed round, up to max-poll-interval.
 * A submission wakes it at once. It starts after everything else and stops first. Among instances on
 * one database it runs on one at a time: the one that holds the {@link #SINGLETON} lock, which the
 * settlement driver shares so that its submissions wake the worker that follows them; the others
 * ask for the lock every poll-interval.
 */
@Component
public class ChainWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChainWorker.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(15);
    private static final String ROUND = "";
    /** The {@link ClusterSingleton} of the chain work: this worker, and the settlement driver that submits. */
    public static final String SINGLETON = "chain";

    private final IntentStore store;
    private final IntentTracker tracker;
    private final ChainNode node;
    private final ChainAccount account;
    private final ChainProperties properties;
    private final ClusterSingleton singleton;
    private final Object signal = new Object();
    /** What went wrong with each intent (or the round, under ""): the same trouble is logged once. */
    private final Map<String, String> problems = new HashMap<>();

    private final boolean backgroundWork;
    private volatile boolean running;
    private boolean woken;
    private boolean nodeDown;
    private Thread thread;

    ChainWorker(IntentStore store, IntentTracker tracker, ChainNode node, ChainAccount account,
                ChainProperties properties, ClusterSingleton singleton) {
        this(store, tracker, node, account, properties, singleton, true);
    }

    /**
     * With {@code backgroundWork} off (the command-line modes set {@code ledger.scheduling.enabled=false})
     * the worker never starts: a command such as {@code reconcile} reads the chain and sends nothing.
     */
    @Autowired
    ChainWorker(IntentStore store, IntentTracker tracker, ChainNode node, ChainAccount account,
                ChainProperties properties, ClusterSingletons singletons,
                @Value("${ledger.scheduling.enabled:true}") boolean backgroundWork) {
        this(store, tracker, node, account, properties, singletons.named(SINGLETON), backgroundWork);
    }

    private ChainWorker(IntentStore store, IntentTracker tracker, ChainNode node, ChainAccount account,
                        ChainProperties properties, ClusterSingleton singleton, boolean backgroundWork) {
        this.singleton = singleton;
        this.backgroundWork = backgroundWork;
        this.store = store;
        this.tracker = tracker;
        this.node = node;
        this.account = account;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (running || !account.enabled() || !backgroundWork) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "chain-worker");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        wakeUp();
        try {
            thread.join(STOP_WAIT.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(STOP_WAIT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
        singleton.release();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Asks for a round now rather than after the current pause. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void loop() {
        Duration pause = properties.pollInterval();
        while (running && !Thread.currentThread().isInterrupted()) {
            if (!singleton.leads()) {
                pause = properties.pollInterval();
                await(pause);
                continue;
            }
            boolean changed;
            try {
                changed = round();
                problems.remove(ROUND);
                if (nodeDown) {
                    log.info("The chain node answers again");
                    nodeDown = false;
                }
            } catch (ChainUnavailable e) {
                if (!nodeDown) {
                    log.warn("The chain node is unavailable, retrying with backoff: {}", e.getMessage());
                    nodeDown = true;
                }
                changed = false;
            } catch (RuntimeException e) {
                logOnce(ROUND, "A chain worker round failed; trying again each round", e);
                changed = false;
            }
            pause = changed ? properties.pollInterval() : min(pause.multipliedBy(2), properties.maxPollInterval());
            if (await(pause)) {
                pause = properties.pollInterval();
            }
        }
    }

    /** One pass over every unfinished intent of this signer; true when any of them changed. */
    private boolean round() {
        List<ChainIntent> open = store.unfinished(account.chainId(), account.signer().address());
        if (open.isEmpty()) {
            return false;
        }
        Set<String> ids = open.stream().map(ChainIntent::intentId).collect(Collectors.toSet());
        problems.keySet().removeIf(id -> !id.equals(ROUND) && !ids.contains(id));
        long head = node.headNumber();
        boolean changed = false;
        for (ChainIntent intent : open) {
            if (!running) {
                break;
            }
            try {
                changed |= tracker.advance(intent, head);
                if (problems.remove(intent.intentId()) != null) {
                    log.info("Intent {} advances again", intent.intentId());
                }
            } catch (ChainUnavailable e) {
                throw e;
            } catch (RuntimeException e) {
                // One intent's trouble (such as a concurrent worker winning a race) must not stall the
                // others, nor fill the log: it is tried again each round and logged when it changes.
                logOnce(intent.intentId(), "Intent " + intent.intentId()
                        + " could not be advanced; trying again each round", e);
            }
        }
        return changed;
    }

    private void logOnce(String key, String message, RuntimeException e) {
        String problem = e.getClass().getName() + ": " + e.getMessage();
        if (!problem.equals(problems.put(key, problem))) {
            log.error(message, e);
        }
    }

    /** Waits up to {@code pause}; true when woken early by a submission. */
    private boolean await(Duration pause) {
        synchronized (signal) {
            long deadline = System.nanoTime() + pause.toNanos();
            while (!woken && running) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            boolean early = woken;
            woken = false;
            return early;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
