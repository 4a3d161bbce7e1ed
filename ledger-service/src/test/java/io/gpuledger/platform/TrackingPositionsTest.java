package io.gpuledger.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class TrackingPositionsTest {

    private static TrackingToken at(long index) {
        return GapAwareTrackingToken.newInstance(index, List.of());
    }

    @Test
    void aProcessorsPositionIsTheLowerHalfOfAMergeAndZeroBeforeAnyEvent() {
        assertThat(TrackingPositions.of(null)).isZero();
        assertThat(TrackingPositions.of(at(42))).isEqualTo(42);
        assertThat(TrackingPositions.of(new MergedTrackingToken(at(5), at(7)))).isEqualTo(5);
        assertThat(TrackingPositions.of(new MergedTrackingToken(null, null))).as("merged on a young store").isZero();
        assertThat(TrackingPositions.of(new MergedTrackingToken(null, at(7)))).isZero();
        assertThat(TrackingPositions.of(ReplayToken.createReplayToken(at(90), at(30)))).isEqualTo(30);
    }
}
