package io.gpuledger.settlement.pool;

import static io.gpuledger.common.RejectionCode.POOL_AMOUNT_INVALID;
import static io.gpuledger.common.RejectionCode.POOL_DUPLICATE_ACCOUNT;
import static io.gpuledger.common.RejectionCode.POOL_NO_POSITIVE_WEIGHT;
import static io.gpuledger.common.RejectionCode.POOL_SPLIT_INVALID;
import static io.gpuledger.common.RejectionCode.POOL_WEIGHT_INVALID;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolWeight;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a reward pool must be to be split: a positive amount, weights for basis WEIGHTS and none for
 * GPU_SECONDS, each account once (compared as addresses, whatever their case), no negative weight and
 * at least one positive one. The routes check the same before sending; the aggregate checks again.
 */
public final class PoolRules {

    /** The most weights one pool may name: one event holds them all. */
    public static final int MAX_WEIGHTS = 10_000;

    private PoolRules() {
    }

    public static void check(BigInteger amountUnits, PoolBasis basis, List<PoolWeight> weights) {
        if (amountUnits == null || amountUnits.signum() <= 0) {
            throw new LedgerRejection(POOL_AMOUNT_INVALID, "amountUnits", "amountUnits must be positive");
        }
        boolean weighted = basis == PoolBasis.WEIGHTS;
        if (basis == null || weighted == weights.isEmpty()) {
            throw new LedgerRejection(POOL_SPLIT_INVALID, "weights", "give either weights or basis GPU_SECONDS");
        }
        Set<String> accounts = new HashSet<>();
        boolean positive = false;
        for (int i = 0; i < weights.size(); i++) {
            PoolWeight weight = weights.get(i);
            if (weight.weight().signum() < 0) {
                throw new LedgerRejection(POOL_WEIGHT_INVALID, "weights[" + i + "].weight", "must not be negative");
            }
            if (!accounts.add(PoolShares.numeric(weight.account()))) {
                throw new LedgerRejection(POOL_DUPLICATE_ACCOUNT, "weights[" + i + "].account",
                        weight.account() + " is named twice");
            }
            positive |= weight.weight().signum() > 0;
        }
        if (weighted && !positive) {
            throw new LedgerRejection(POOL_NO_POSITIVE_WEIGHT, "weights", "at least one weight must be positive");
        }
    }
}
