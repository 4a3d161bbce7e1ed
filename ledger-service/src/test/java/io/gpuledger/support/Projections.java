package io.gpuledger.support;

import static org.awaitility.Awaitility.await;

import io.gpuledger.lease.view.LeaseProjection;
import java.time.Duration;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;

/**
 * The projections' processors: waiting for one to catch up, and rebuilding the billing projection
 * from the event store.
 */
public final class Projections {

    private final EventProcessingConfiguration processing;
    private final LedgerTables tables;

    public Projections(EventProcessingConfiguration processing, LedgerTables tables) {
        this.processing = processing;
        this.tables = tables;
    }

    public StreamingEventProcessor billing() {
        return processor(LeaseProjection.PROCESSING_GROUP);
    }

    private StreamingEventProcessor processor(String processingGroup) {
        return processing.eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming '" + processingGroup + "' processor"));
    }

    /**
     * Waits until the billing processor has committed every event stored now. Its status advances
     * only after the transaction that wrote the projection's rows and its token commits. (After a
     * reset it still reads "replaying" until an event newer than the reset arrives, so position is
     * what counts.)
     */
    public void awaitCaughtUp() {
        awaitPosition(LeaseProjection.PROCESSING_GROUP, tables.headIndex(), Duration.ofMillis(50));
    }

    /**
     * Waits until the named processor has committed every event up to {@code globalIndex}, looking at
     * once and then every {@code pollInterval}: a test that waits after every request polls often, so
     * the wait costs about what the processor takes. A processor may leave its stored position behind
     * events it has no handler for, so wait for an event it handles.
     */
    public void awaitPosition(String processingGroup, long globalIndex, Duration pollInterval) {
        StreamingEventProcessor processor = processor(processingGroup);
        try {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(pollInterval)
                    .until(() -> caughtUpTo(processor, globalIndex));
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the " + processingGroup + " processor did not reach event " + globalIndex
                    + ": running " + processor.isRunning() + ", status " + processor.processingStatus(), e);
        }
    }

    private static boolean caughtUpTo(StreamingEventProcessor processor, long head) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        return processor.isRunning() && !status.isEmpty() && status.values().stream().allMatch(s ->
                !s.isErrorState() && s.getCurrentPosition().orElse(-1) >= head);
    }

    /** Drops the billing tables and replays every event into them, as an operator would after a projection fix. */
    public void rebuild(Runnable whileStopped) {
        StreamingEventProcessor billing = billing();
        billing.shutDown();
        billing.resetTokens();
        whileStopped.run();
        billing.start();
        awaitRebuilt(billing, tables.headIndex());
    }

    /**
     * After a reset a segment's stored position stops at the last event of its own segment, so a
     * segment that has read to the end of the stream (caught up: its status is new since the reset) counts as
     * rebuilt even when its position stays below the head.
     */
    private static void awaitRebuilt(StreamingEventProcessor processor, long head) {
        try {
            await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
                        return processor.isRunning() && !status.isEmpty() && status.values().stream().allMatch(s ->
                                !s.isErrorState() && (s.isCaughtUp() || s.getCurrentPosition().orElse(-1) >= head));
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the rebuilt processor did not reach event " + head + ": status "
                    + processor.processingStatus(), e);
        }
    }
}
