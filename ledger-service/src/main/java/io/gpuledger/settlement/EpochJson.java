package io.gpuledger.settlement;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gpuledger.common.Charges;
import io.gpuledger.settlement.api.CapacityCharges;
import io.gpuledger.settlement.api.EpochClosedEvent;
import io.gpuledger.settlement.pool.view.PoolViews;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** An epoch as the API shows it; amounts are decimal strings of token units. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record EpochJson(long epoch, String status, long fromGlobalIndex, long toGlobalIndex, long eventCount,
                 int payoutCount, String totalUnits, String payoutRoot, String eventsRoot, Instant closedAt,
                 String anchorTxHash, Long anchorBlock, Instant anchoredAt, Instant paidAt,
                 Instant anchorRequestedAt, String fundTxHash, Long fundBlock, Instant fundedAt, String fundingMode,
                 Integer pushBatchSize, Integer pushBatchCount, String escrowFundedUnits, String escrowReleasedUnits,
                 String escrowTxHash, List<StepJson> steps, List<WithheldJson> withheldUsage,
                 List<WithheldJson> releasedUsage, CapacityJson capacity,
                 List<PoolJson> pools, CapacityAmounts slaCredits) {

    /**
     * The capacity leases' part of the epoch: their fee accrued in it and their energy recorded (net of
     * voids), each as charged, marketplace fee and provider units.
     */
    record CapacityJson(CapacityAmounts capacityFee, CapacityAmounts energy) {

        static CapacityJson of(CapacityCharges c) {
            return c == null ? null : new CapacityJson(new CapacityAmounts(c.feeChargedUnits(), c.feeProviderUnits()),
                    new CapacityAmounts(c.energyChargedUnits(), c.energyProviderUnits()));
        }
    }

    record CapacityAmounts(String chargedUnits, String feeUnits, String providerUnits) {

        CapacityAmounts(BigInteger charged, BigInteger provider) {
            this(charged.toString(), charged.subtract(provider).toString(), provider.toString());
        }

        /** An epoch's SLA credits as their events moved them (negative for credits); null without any. */
        static CapacityAmounts of(Charges charges) {
            return charges == null ? null : new CapacityAmounts(charges.chargedUnits().toString(),
                    charges.feeUnits().toString(), charges.providerUnits().toString());
        }
    }

    /** A reward pool the epoch paid; its shares are listed by GET .../epochs/{epoch}/pools/{poolId}/shares. */
    record PoolJson(String poolId, String basis, String amountUnits, int shareCount) {

        static PoolJson of(PoolViews.PoolView p) {
            return new PoolJson(p.poolId(), p.basis().name(), p.amountUnits().toString(),
                    p.shareCount() == null ? 0 : p.shareCount());
        }
    }

    /** A signed report the epoch left out, or paid from an earlier epoch's withheld usage. */
    record WithheldJson(String marketplaceId, String leaseId, String reportId, String reason, String providerUnits,
                        Instant windowEndsAt) {

        static WithheldJson of(EpochViews.WithheldView w) {
            return new WithheldJson(w.marketplaceId(), w.leaseId(), w.reportId(), w.reason(),
                    w.providerUnits().toString(), w.windowEndsAt());
        }
    }

    /** A step of the epoch's process and the chain intent its current attempt goes out as. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record StepJson(String step, int attempt, String intentId, String status, String failure, String txHash,
                    Long blockNumber) {

        static StepJson of(EpochViews.StepView s) {
            return new StepJson(s.step().name(), s.attempt(), s.intentId(), s.status(), s.failure(), s.txHash(),
                    s.blockNumber());
        }
    }

    static EpochJson of(EpochViews.EpochView e) {
        return of(e, null, null, null, null, null);
    }

    static EpochJson of(EpochViews.EpochView e, List<EpochViews.StepView> steps,
                        List<EpochViews.WithheldView> withheld, CapacityCharges capacity,
                        List<PoolViews.PoolView> pools, Charges slaCredits) {
        return new EpochJson(e.epoch(), e.status(), e.fromGlobalIndex(), e.toGlobalIndex(), e.eventCount(),
                e.payoutCount(), e.totalUnits().toString(), e.payoutRoot(), e.eventsRoot(), e.closedAt(),
                e.anchorTxHash(), e.anchorBlock(), e.anchoredAt(), e.paidAt(), e.anchorRequestedAt(), e.fundTxHash(),
                e.fundBlock(), e.fundedAt(), e.fundingMode(), e.pushBatchSize(), e.pushBatchCount(),
                e.escrowFundedUnits().toString(),
                e.escrowReleasedUnits() == null ? null : e.escrowReleasedUnits().toString(), e.escrowTxHash(),
                steps == null ? null : steps.stream().map(StepJson::of).toList(),
                withheld == null ? null : withheld.stream().filter(w -> !w.released()).map(WithheldJson::of).toList(),
                withheld == null ? null : withheld.stream().filter(EpochViews.WithheldView::released)
                        .map(WithheldJson::of).toList(), CapacityJson.of(capacity),
                pools == null ? null : pools.stream().map(PoolJson::of).toList(), CapacityAmounts.of(slaCredits));
    }

    static EpochJson closed(EpochCloser.ClosedEpoch c) {
        return new EpochJson(c.epoch(), "CLOSED", c.fromGlobalIndex(), c.toGlobalIndex(), c.eventCount(),
                c.payoutCount(), c.totalUnits().toString(), c.payoutRoot(), c.eventsRoot(), null, null, null, null,
                null, null, null, null, null, null, null, null, c.escrowFundedUnits().toString(), null, null, null, null,
                null, CapacityJson.of(c.capacityCharges()), null, CapacityAmounts.of(c.slaCredits()));
    }

    /** A closed epoch straight from its event, for when the views have not caught up with it yet. */
    static EpochJson closed(EpochClosedEvent c) {
        return new EpochJson(c.epoch(), "CLOSED", c.fromGlobalIndex(), c.toGlobalIndex(), c.eventCount(),
                c.payouts().size(), c.totalUnits().toString(), c.payoutRoot(), c.eventsRoot(), null, null, null, null,
                null, null, null, null, null, null, null, null, c.escrowFundedUnitsOrZero().toString(), null, null,
                null, null, null, CapacityJson.of(c.capacityCharges()), null, null);
    }
}
