package io.gpuledger.processing;

import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.platform.TrackingPositions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projections' event processors: their status across instances, read from the token store
 * without claiming anything, the reset that rebuilds one from the first event, and the segment
 * changes (split, merge, release) that spread a processor's work over instances.
 */
@Component
public class Processors {

    /**
     * The processors whose projections read each aggregate's events alone, so that any split of the
     * aggregates among segments gives the same rows. The others read across aggregates in global
     * order (the journal's prepaid draws name leases of other streams, the settlement and account
     * views join events of several aggregates) and stay in one segment.
     */
    static final Set<String> SPLITTABLE = Set.of("billing");

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final TokenStore tokens;
    private final EventStoreReader events;
    private final DeadLetters deadLetters;

    public Processors(EventProcessingConfiguration processing, JdbcTemplate jdbc, TokenStore tokens,
                      EventStoreReader events, DeadLetters deadLetters) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.tokens = tokens;
        this.events = events;
        this.deadLetters = deadLetters;
    }

    /** Every processor's status, by name. */
    public List<ProcessorStatus> statuses() {
        long head = events.highestIndex();
        Map<String, Long> letters = deadLetters.counts();
        List<ProcessorStatus> statuses = new ArrayList<>();
        for (String name : new TreeMap<>(processing.eventProcessors()).keySet()) {
            statuses.add(status(name, head, letters.getOrDefault(name, 0L)));
        }
        return statuses;
    }

    public Optional<ProcessorStatus> status(String name) {
        if (processor(name).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(status(name, events.highestIndex(), deadLetters.counts().getOrDefault(name, 0L)));
    }

    private ProcessorStatus status(String name, long head, long letters) {
        Map<Integer, EventTrackerStatus> here = processor(name).map(StreamingEventProcessor::processingStatus)
                .orElse(Map.of());
        List<ProcessorStatus.Segment> segments = jdbc.query("""
                SELECT segment, owner, token, token_type FROM token_entry WHERE processor_name = ? ORDER BY segment
                """, (rs, i) -> segment(rs.getInt(1), rs.getString(2), rs.getBytes(3), rs.getString(4),
                here.get(rs.getInt(1))), name);
        long position = segments.stream().mapToLong(ProcessorStatus.Segment::position).min().orElse(0);
        List<ProcessorStatus.Segment> replaying = segments.stream()
                .filter(s -> s.replayUpTo() != null && s.position() < s.replayUpTo()).toList();
        Integer percent = replaying.isEmpty() ? null : (int) replaying.stream()
                .mapToLong(s -> s.position() * 100 / Math.max(1, s.replayUpTo())).min().orElse(0);
        int claimed = (int) segments.stream().filter(s -> s.owner() != null).count();
        boolean running = processor(name).map(StreamingEventProcessor::isRunning).orElse(false);
        return new ProcessorStatus(name, running, segments.size(), claimed, position, head, Math.max(0, head - position),
                !replaying.isEmpty(), percent, letters, segments);
    }

    /**
     * A segment as its stored token has it, or as this instance's processor knows it when it holds
     * the segment: a token is stored at the end of a batch, and a segment whose batches hold none of
     * its events stores its token less often than it moves.
     */
    private ProcessorStatus.Segment segment(int segment, String owner, byte[] token, String tokenType,
                                            EventTrackerStatus here) {
        if (here != null && here.getTrackingToken() != null) {
            Long replayUpTo = here.isReplaying() ? here.getResetPosition().orElse(0) : null;
            return new ProcessorStatus.Segment(segment, owner, TrackingPositions.of(here.getTrackingToken()), replayUpTo);
        }
        TrackingToken stored = token == null ? null : ((JdbcTokenStore) tokens).serializer().deserialize(
                new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        long position = TrackingPositions.of(stored);
        Long replayUpTo = stored instanceof ReplayToken replay && replay.getTokenAtReset() != null
                ? TrackingPositions.of(replay.getTokenAtReset()) : null;
        return new ProcessorStatus.Segment(segment, owner, position, replayUpTo);
    }

    /**
     * Rebuilds a processor's views from the first event, in the caller's unit of work: this instance
     * stops the processor, the tokens turn into replay tokens and the projection's reset handlers
     * empty its tables (and its dead letters) in the caller's transaction, and the processor starts
     * again once that has ended. Fails with {@link ClaimedElsewhere} while another instance holds one
     * of its segments.
     */
    public void reset(String name) {
        StreamingEventProcessor processor = processor(name).orElseThrow();
        processor.shutDown();
        CurrentUnitOfWork.get().afterCommit(u -> processor.start());
        CurrentUnitOfWork.get().onRollback(u -> processor.start());
        try {
            processor.resetTokens();
        } catch (org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException e) {
            throw new ClaimedElsewhere(name, e);
        }
    }

    /**
     * Splits a segment this instance processes in two (Axon's {@code splitSegment}). Refused when the
     * processor would then have more segments than this instance has threads for it: any one instance
     * must be able to run every segment, or the loss of the others would leave one unprocessed.
     */
    public void split(String name, int segment) {
        if (!SPLITTABLE.contains(name)) {
            throw new NotSplittable(name);
        }
        StreamingEventProcessor processor = processing(name, segment);
        int after = segmentCount(name) + 1;
        if (after > processor.maxCapacity()) {
            throw new TooFewThreads(name, after, processor.maxCapacity());
        }
        await(processor.splitSegment(segment), name, segment);
        awaitSegmentCount(name, after);
    }

    /**
     * Merges a segment this instance processes with the one it was split from (Axon's
     * {@code mergeSegment}); this instance must be able to claim that one too.
     */
    public void merge(String name, int segment) {
        StreamingEventProcessor processor = processing(name, segment);
        int before = segmentCount(name);
        if (before < 2) {
            throw new NotMergeable(name);
        }
        await(processor.mergeSegment(segment), name, segment);
        awaitSegmentCount(name, before - 1);
    }

    /** Gives up a segment this instance processes for a while, so that another instance can claim it. */
    public void release(String name, int segment, Duration duration) {
        processing(name, segment).releaseSegment(segment, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    private StreamingEventProcessor processing(String name, int segment) {
        StreamingEventProcessor processor = processor(name).orElseThrow();
        List<String> owners = jdbc.query("SELECT owner FROM token_entry WHERE processor_name = ? AND segment = ?",
                (rs, i) -> rs.getString(1), name, segment);
        if (owners.isEmpty()) {
            throw new SegmentNotFound(name, segment);
        }
        if (!processor.processingStatus().containsKey(segment)) {
            throw new ClaimedElsewhere(name, segment, Objects.requireNonNullElse(owners.get(0), ""));
        }
        return processor;
    }

    private int segmentCount(String name) {
        return jdbc.queryForObject("SELECT count(*) FROM token_entry WHERE processor_name = ?", Integer.class, name);
    }

    /**
     * Axon completes a split's or merge's future inside the transaction that changes the tokens, so
     * the change may not be visible yet when the future is done: the answer waits for its commit.
     */
    private void awaitSegmentCount(String name, int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (segmentCount(name) != count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processor " + name + " did not reach " + count
                        + " segments within 30 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private static void await(CompletableFuture<Boolean> change, String name, int segment) {
        try {
            if (!change.get(30, TimeUnit.SECONDS)) {
                throw new ClaimedElsewhere(name, segment, null);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnableToClaimTokenException) {
                throw new ClaimedElsewhere(name, segment, null);
            }
            throw new IllegalStateException("segment " + segment + " of processor " + name + " did not change", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("segment " + segment + " of processor " + name
                    + " did not change within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while changing a segment", e);
        }
    }

    /** No segment of this number in the processor's tokens. */
    public static final class SegmentNotFound extends RuntimeException {
        SegmentNotFound(String name, int segment) {
            super("processor " + name + " has no segment " + segment);
        }
    }

    /** A split would leave the processor more segments than this instance has threads for it. */
    public static final class TooFewThreads extends RuntimeException {
        TooFewThreads(String name, int segments, int threads) {
            super("processor " + name + " would have " + segments + " segments and runs " + threads
                    + " threads on this instance; give it more threads on every instance first");
        }
    }

    /** The processor's projections read across aggregates in global order: it stays in one segment. */
    public static final class NotSplittable extends RuntimeException {
        NotSplittable(String name) {
            super("processor " + name + " reads across aggregates in global order and stays in one segment");
        }
    }

    /** The processor has one segment, so there is nothing to merge. */
    public static final class NotMergeable extends RuntimeException {
        NotMergeable(String name) {
            super("processor " + name + " has one segment: there is nothing to merge it with");
        }
    }

    /** Another instance holds a segment of the processor: it must stop it (or stop) before a reset. */
    public static final class ClaimedElsewhere extends RuntimeException {
        ClaimedElsewhere(String name, Throwable cause) {
            super("another instance holds a segment of processor " + name, cause);
        }

        ClaimedElsewhere(String name, int segment, String owner) {
            super(owner == null
                    ? "another instance holds segment " + segment + " (or the one to merge with) of processor " + name
                    : "segment " + segment + " of processor " + name + " is not processed here"
                            + (owner.isEmpty() ? "" : ": " + owner + " holds it"));
        }
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }
}
