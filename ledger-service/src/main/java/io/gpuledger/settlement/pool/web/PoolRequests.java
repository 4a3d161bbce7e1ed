package io.gpuledger.settlement.pool.web;

import static io.gpuledger.common.RejectionCode.POOL_ACCOUNT_INVALID;
import static io.gpuledger.common.RejectionCode.POOL_AMOUNT_INVALID;
import static io.gpuledger.common.RejectionCode.POOL_DUPLICATE_ACCOUNT;
import static io.gpuledger.common.RejectionCode.POOL_NO_POSITIVE_WEIGHT;
import static io.gpuledger.common.RejectionCode.POOL_SPLIT_INVALID;
import static io.gpuledger.common.RejectionCode.POOL_WEIGHT_INVALID;
import static io.gpuledger.common.RejectionCode.VALIDATION_FAILED;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolWeight;
import io.gpuledger.settlement.api.PostRewardPoolCommand;
import io.gpuledger.settlement.pool.PoolRules;
import io.gpuledger.settlement.pool.PoolShares;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a pool's body into its command, naming every field at fault. Each kind of fault has its own
 * code (docs/ERRORS.md); a body with several answers with the code of the first one listed.
 */
final class PoolRequests {

    private static final Set<String> FIELDS = Set.of("poolId", "amountUnits", "weights", "basis");
    private static final Set<String> WEIGHT_FIELDS = Set.of("account", "weight");

    private final List<RejectionCode> codes = new ArrayList<>();
    private final List<FieldProblem> problems = new ArrayList<>();

    private PoolRequests() {
    }

    static PostRewardPoolCommand post(JsonNode body) {
        return new PoolRequests().read(body);
    }

    private PostRewardPoolCommand read(JsonNode body) {
        String poolId = JsonFields.nested(body, "", FIELDS, sinkFor(VALIDATION_FAILED)).identifier("poolId");
        throwIfAny();
        BigInteger amount = check(POOL_AMOUNT_INVALID, body, "", f -> f.tokenUnits("amountUnits"));
        if (amount != null && amount.signum() == 0) {
            add(POOL_AMOUNT_INVALID, "amountUnits", "must be positive");
        }
        boolean weighted = present(body.get("weights"));
        if (weighted == present(body.get("basis"))) {
            add(POOL_SPLIT_INVALID, weighted ? "basis" : "weights", "give either weights or basis GPU_SECONDS, not "
                    + (weighted ? "both" : "neither"));
        } else if (!weighted && !PoolBasis.GPU_SECONDS.name().equals(body.get("basis").asText(null))) {
            add(POOL_SPLIT_INVALID, "basis", "must be GPU_SECONDS, or give weights instead");
        }
        List<PoolWeight> weights = weighted ? weights(body.get("weights")) : List.of();
        throwIfAny();
        return new PostRewardPoolCommand(poolId, amount, weighted ? PoolBasis.WEIGHTS : PoolBasis.GPU_SECONDS, weights);
    }

    private List<PoolWeight> weights(JsonNode array) {
        if (!array.isArray() || array.size() > PoolRules.MAX_WEIGHTS) {
            add(VALIDATION_FAILED, "weights", "must be an array of at most " + PoolRules.MAX_WEIGHTS
                    + " {\"account\", \"weight\"} objects");
            return List.of();
        }
        List<PoolWeight> weights = new ArrayList<>(array.size());
        Set<String> seen = new HashSet<>();
        boolean positive = false;
        for (int i = 0; i < array.size(); i++) {
            JsonNode entry = array.get(i);
            String prefix = "weights[" + i + "]";
            int before = problems.size();
            JsonFields.nested(entry, prefix, WEIGHT_FIELDS, sinkFor(VALIDATION_FAILED));
            if (problems.size() > before && !entry.isObject()) {
                continue;
            }
            String account = check(POOL_ACCOUNT_INVALID, entry, prefix, f -> f.address("account"));
            BigInteger weight = check(POOL_WEIGHT_INVALID, entry, prefix, f -> f.tokenUnits("weight"));
            if (account != null && !seen.add(PoolShares.numeric(account))) {
                add(POOL_DUPLICATE_ACCOUNT, prefix + ".account", account + " is named twice");
            }
            if (account != null && weight != null) {
                weights.add(new PoolWeight(account, weight));
                positive |= weight.signum() > 0;
            }
        }
        if (!positive && problems.isEmpty()) {
            add(POOL_NO_POSITIVE_WEIGHT, "weights", "at least one weight must be positive");
        }
        return weights;
    }

    /** Reads one value of an object with JsonFields' own checks, listing what it finds under {@code code}. */
    private <T> T check(RejectionCode code, JsonNode object, String prefix, Function<JsonFields, T> read) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return read.apply(JsonFields.nested(object, prefix, names, sinkFor(code)));
    }

    /** A list that files each problem JsonFields adds under {@code code}. */
    private List<FieldProblem> sinkFor(RejectionCode code) {
        return new ArrayList<>() {
            @Override
            public boolean add(FieldProblem problem) {
                PoolRequests.this.add(code, problem.field(), problem.message());
                return true;
            }
        };
    }

    private static boolean present(JsonNode value) {
        return value != null && !value.isNull();
    }

    private void add(RejectionCode code, String field, String message) {
        codes.add(code);
        problems.add(new FieldProblem(field, message));
    }

    private void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidRequest(codes.get(0), problems);
        }
    }
}
