package io.gpuledger.platform;

import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The position a processor has reached, read from its token, which may wrap the store's own: a
 * replay token during a rebuild, a merged token while two segments join.
 */
public final class TrackingPositions {

    private TrackingPositions() {
    }

    /**
     * The global index a processor's token has reached, 0 before its first event. Axon's own
     * {@code position()} fails on a merged token whose halves have not seen an event yet (segments
     * merged on a young store), so the halves are read one by one.
     */
    public static long of(TrackingToken token) {
        if (token == null) {
            return 0;
        }
        if (token instanceof MergedTrackingToken merged) {
            return Math.min(of(merged.lowerSegmentToken()), of(merged.upperSegmentToken()));
        }
        if (token instanceof ReplayToken replay) {
            return of(replay.getCurrentToken());
        }
        return token.position().orElse(0);
    }
}
