package io.gpuledger.settlement.pool.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gpuledger.settlement.api.PoolWeight;
import io.gpuledger.settlement.api.RewardPoolPostedEvent;
import io.gpuledger.settlement.pool.view.PoolViews;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * A reward pool as the API shows it: {@code PENDING} until an epoch pays it, then {@code SETTLED} with
 * that {@code epoch}; a GPU_SECONDS pool that found no GPU-seconds names the last epoch it waited through.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "RewardPool")
record PoolJson(String poolId, String amountUnits, String basis, List<WeightJson> weights,
                @Schema(allowableValues = {"PENDING", "SETTLED"}) String status, Long epoch, Integer shareCount,
                Long waitedThroughEpoch, Instant postedAt) {

    record WeightJson(String account, String weight) {

        static WeightJson of(PoolWeight w) {
            return new WeightJson(w.account(), w.weight().toString());
        }
    }

    static PoolJson of(RewardPoolPostedEvent pool, PoolViews.PoolView view) {
        boolean settled = view != null && view.epoch() != null;
        return new PoolJson(pool.poolId(), pool.amountUnits().toString(), pool.basis().name(),
                pool.weights().isEmpty() ? null : pool.weights().stream().map(WeightJson::of).toList(),
                settled ? "SETTLED" : "PENDING", settled ? view.epoch() : null, settled ? view.shareCount() : null,
                view == null ? null : view.waitedThroughEpoch(), view == null ? null : view.postedAt());
    }
}
