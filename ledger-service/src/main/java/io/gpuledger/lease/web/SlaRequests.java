package io.gpuledger.lease.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.lease.SlaRules;
import io.gpuledger.lease.api.ReportDowntimeCommand;
import io.gpuledger.lease.api.Sla;
import io.gpuledger.lease.api.SlaCreditTier;
import io.gpuledger.platform.JsonFields;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads a lease's {@code sla} and downtime reports, naming every field at fault. */
final class SlaRequests {

    private SlaRequests() {
    }

    /** The open body's {@code sla}; its problems are reported to {@code body} under {@code sla.}. */
    static Sla sla(JsonNode node, JsonFields body) {
        List<FieldProblem> problems = new ArrayList<>();
        JsonFields f = JsonFields.nested(node, "sla", Set.of("uptimeTargetBps", "credits"), problems);
        int target = f.integer("uptimeTargetBps", 0, SlaRules.MAX_BPS);
        JsonNode credits = node.get("credits");
        List<SlaCreditTier> tiers = new ArrayList<>();
        if (credits == null || !credits.isArray() || credits.isEmpty() || credits.size() > SlaRules.MAX_TIERS) {
            f.problem("credits", "must be an array of 1 to " + SlaRules.MAX_TIERS + " tiers");
        } else {
            Set<Integer> below = new HashSet<>();
            for (int i = 0; i < credits.size(); i++) {
                JsonFields tier = JsonFields.nested(credits.get(i), "sla.credits[" + i + "]",
                        Set.of("belowBps", "creditBps"), problems);
                int belowBps = tier.integer("belowBps", 0, SlaRules.MAX_BPS);
                int creditBps = tier.integer("creditBps", 1, SlaRules.MAX_BPS);
                if (tier.valid() && !below.add(belowBps)) {
                    tier.problem("belowBps", "repeats an earlier tier's belowBps");
                }
                tiers.add(new SlaCreditTier(belowBps, creditBps));
            }
        }
        problems.forEach(problem -> body.problem(problem.field(), problem.message()));
        return problems.isEmpty() ? new Sla(target, tiers) : null;
    }

    static ReportDowntimeCommand downtime(String marketplaceId, String leaseId, JsonNode body) {
        JsonFields f = JsonFields.of(body, Set.of("reportId", "from", "to"));
        String reportId = f.identifier("reportId");
        Instant from = f.instant("from", true);
        Instant to = f.instant("to", true);
        if (from != null && to != null && !to.isAfter(from)) {
            f.problem("to", "must be after from");
        }
        f.throwIfInvalid();
        return new ReportDowntimeCommand(marketplaceId, leaseId, reportId, from, to);
    }
}
