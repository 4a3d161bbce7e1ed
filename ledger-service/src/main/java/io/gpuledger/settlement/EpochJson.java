package io.gpuledger.settlement;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** An epoch as the API shows it; amounts are decimal strings of token units. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EpochJson(long epoch, String status, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                 int payoutCount, String totalUnits, String payoutRoot, String eventsRoot, Instant closedAt,
                 String anchorTxHash, Long anchorBlock, Instant anchoredAt, Instant paidAt) {

    static EpochJson of(EpochViews.EpochView e) {
        return new EpochJson(e.epoch(), e.status(), e.fromGlobalIndex(), e.toGlobalIndex(), e.eventCount(),
                e.payoutCount(), e.totalUnits().toString(), e.payoutRoot(), e.eventsRoot(), e.closedAt(),
                e.anchorTxHash(), e.anchorBlock(), e.anchoredAt(), e.paidAt());
    }

    static EpochJson closed(EpochCloser.ClosedEpoch c) {
        return new EpochJson(c.epoch(), "CLOSED", c.fromGlobalIndex(), c.toGlobalIndex(), c.eventCount(),
                c.payoutCount(), c.totalUnits().toString(), c.payoutRoot(), c.eventsRoot(), null, null, null, null,
                null);
    }
}
