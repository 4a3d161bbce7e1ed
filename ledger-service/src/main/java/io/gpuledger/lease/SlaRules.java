package io.gpuledger.lease;

import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;

import io.gpuledger.common.LedgerRejection;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaCreditTier;
import java.util.HashSet;
import java.util.Set;

/** The shape of a lease's SLA: basis points 0 to 10000, 1 to {@value #MAX_TIERS} tiers with distinct belowBps, each crediting 1 to 10000 bps. */
public final class SlaRules {

    public static final int MAX_BPS = 10_000;
    public static final int MAX_TIERS = 16;

    private SlaRules() {
    }

    static void validate(Sla sla) {
        if (sla.uptimeTargetBps() < 0 || sla.uptimeTargetBps() > MAX_BPS) {
            throw new LedgerRejection(VALIDATION_FAILED, "sla.uptimeTargetBps", "must be from 0 to 10000");
        }
        if (sla.credits().isEmpty() || sla.credits().size() > MAX_TIERS) {
            throw new LedgerRejection(VALIDATION_FAILED, "sla.credits", "must hold 1 to " + MAX_TIERS + " tiers");
        }
        Set<Integer> below = new HashSet<>();
        for (int i = 0; i < sla.credits().size(); i++) {
            SlaCreditTier tier = sla.credits().get(i);
            String field = "sla.credits[" + i + "].";
            if (tier.belowBps() < 0 || tier.belowBps() > MAX_BPS) {
                throw new LedgerRejection(VALIDATION_FAILED, field + "belowBps", "must be from 0 to 10000");
            }
            if (tier.creditBps() < 1 || tier.creditBps() > MAX_BPS) {
                throw new LedgerRejection(VALIDATION_FAILED, field + "creditBps", "must be from 1 to 10000");
            }
            if (!below.add(tier.belowBps())) {
                throw new LedgerRejection(VALIDATION_FAILED, field + "belowBps", "repeats an earlier tier's belowBps");
            }
        }
    }
}
