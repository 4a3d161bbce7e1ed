package io.gpuledger.processing;

import java.util.List;

/**
 * One event processor across every instance, read from its tokens: how many segments it has and how
 * many are claimed (by any instance), the position it has processed up to in all its segments
 * ({@code position}, the lowest), the head of the event store, the {@code lag} between them in global
 * indices, and whether it is replaying (rebuilding after a reset, until every segment has reached
 * the position the reset replays up to), with how far the slowest segment has come ({@code replayPercent}). {@code runningHere} says whether
 * this instance runs it; {@code deadLetters} counts its group's dead letters.
 */
public record ProcessorStatus(String name, boolean runningHere, int segments, int segmentsClaimed, long position,
                              long head, long lag, boolean replaying, Integer replayPercent, long deadLetters,
                              List<Segment> segmentDetails) {

    /** One segment: its claim's owner (null when unclaimed), its position, and where its replay ends if it replays. */
    public record Segment(int segment, String owner, long position, Long replayUpTo) {
    }
}
