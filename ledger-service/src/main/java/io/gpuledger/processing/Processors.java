package io.gpuledger.processing;

import io.gpuledger.eventstore.EventStoreReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The projections' event processors: their status across instances, read from the token store
 * without claiming anything, and the reset that rebuilds one from the first event.
 */
@Component
public class Processors {

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
            return new ProcessorStatus.Segment(segment, owner, here.getCurrentPosition().orElse(0), replayUpTo);
        }
        TrackingToken stored = token == null ? null : ((JdbcTokenStore) tokens).serializer().deserialize(
                new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        long position = stored == null ? 0 : stored.position().orElse(0);
        Long replayUpTo = stored instanceof ReplayToken replay && replay.getTokenAtReset() != null
                ? replay.getTokenAtReset().position().orElse(0) : null;
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

    /** Another instance holds a segment of the processor: it must stop it (or stop) before a reset. */
    public static final class ClaimedElsewhere extends RuntimeException {
        ClaimedElsewhere(String name, Throwable cause) {
            super("another instance holds a segment of processor " + name, cause);
        }
    }

    private Optional<StreamingEventProcessor> processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class);
    }
}
