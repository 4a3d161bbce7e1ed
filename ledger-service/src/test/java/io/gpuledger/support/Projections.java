package io.gpuledger.support;

import static org.awaitility.Awaitility.await;

import io.gpuledger.lease.view.LeaseProjection;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** The billing projection's processor: waiting for it to catch up, and rebuilding it from the event store. */
public final class Projections {

    private final EventProcessingConfiguration processing;
    private final LedgerTables tables;

    public Projections(EventProcessingConfiguration processing, LedgerTables tables) {
        this.processing = processing;
        this.tables = tables;
    }

    public StreamingEventProcessor billing() {
        return processing.eventProcessor(LeaseProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming 'billing' processor"));
    }

    /**
     * Waits until the billing processor has committed every event stored now. Its status advances
     * only after the transaction that wrote the projection's rows and its token commits. (After a
     * reset it still reads "replaying" until an event newer than the reset arrives, so position is
     * what counts.)
     */
    public void awaitCaughtUp() {
        long head = tables.headIndex();
        try {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> caughtUpTo(head));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the billing processor did not reach event " + head + ": running "
                    + billing().isRunning() + ", status " + billing().processingStatus(), e);
        }
    }

    private boolean caughtUpTo(long head) {
        Map<Integer, EventTrackerStatus> status = billing().processingStatus();
        return billing().isRunning() && !status.isEmpty() && status.values().stream().allMatch(s ->
                !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= head);
    }

    /** Drops the billing tables and replays every event into them, as an operator would after a projection fix. */
    public void rebuild(Runnable whileStopped) {
        StreamingEventProcessor billing = billing();
        billing.shutDown();
        billing.resetTokens();
        whileStopped.run();
        billing.start();
        awaitCaughtUp();
    }
}
