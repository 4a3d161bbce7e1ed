package io.gpuledger.settlement.pool;

import static io.gpuledger.common.RejectionCode.POOL_AMOUNT_INVALID;
import static io.gpuledger.common.RejectionCode.POOL_CONFLICT;
import static io.gpuledger.common.RejectionCode.POOL_DUPLICATE_ACCOUNT;
import static io.gpuledger.common.RejectionCode.POOL_NO_POSITIVE_WEIGHT;
import static io.gpuledger.common.RejectionCode.POOL_SPLIT_INVALID;
import static io.gpuledger.common.RejectionCode.POOL_WEIGHT_INVALID;
import static io.gpuledger.support.RejectionMatchers.rejected;

import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolPosting;
import io.gpuledger.settlement.api.PoolWeight;
import io.gpuledger.settlement.api.PostRewardPoolCommand;
import io.gpuledger.settlement.api.RewardPoolPostedEvent;
import java.math.BigInteger;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reward pool's rules, one test each: a pool is posted once, and only a pool that can be split. */
class RewardPoolTest {

    private static final String A = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String B = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";
    private static final List<PoolWeight> WEIGHTS = List.of(weight(A, 3), weight(B, 1));

    private FixtureConfiguration<RewardPool> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(RewardPool.class);
    }

    @Test
    void canPostAPoolSplitByWeights() {
        fixture.givenNoPriorActivity()
                .when(post("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS))
                .expectEvents(posted("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS))
                .expectResultMessagePayload(new PoolPosting(false, posted("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS)));
    }

    @Test
    void canPostAPoolSplitByGpuSeconds() {
        fixture.givenNoPriorActivity()
                .when(post("week-48", 5_000_000, PoolBasis.GPU_SECONDS, List.of()))
                .expectEvents(posted("week-48", 5_000_000, PoolBasis.GPU_SECONDS, List.of()));
    }

    @Test
    void canPostAPoolWhoseWeightsAreZeroButOne() {
        List<PoolWeight> weights = List.of(weight(A, 0), weight(B, 1));
        fixture.givenNoPriorActivity()
                .when(post("tempo-1", 10, PoolBasis.WEIGHTS, weights))
                .expectEvents(posted("tempo-1", 10, PoolBasis.WEIGHTS, weights));
    }

    @Test
    void canPostTheSamePoolAgainAndGetTheFirstPostingWithoutANewEvent() {
        fixture.given(posted("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS))
                .when(post("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS))
                .expectNoEvents()
                .expectResultMessagePayload(new PoolPosting(true, posted("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS)));
    }

    @Test
    void cannotPostAPoolIdAgainWithAnotherBody() {
        fixture.given(posted("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS))
                .when(post("tempo-1", 1_001, PoolBasis.WEIGHTS, WEIGHTS))
                .expectNoEvents().expectException(rejected(POOL_CONFLICT));
        fixture.given(posted("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS))
                .when(post("tempo-1", 1_000, PoolBasis.WEIGHTS, List.of(weight(A, 3), weight(B, 2))))
                .expectNoEvents().expectException(rejected(POOL_CONFLICT));
        fixture.given(posted("tempo-1", 1_000, PoolBasis.WEIGHTS, WEIGHTS))
                .when(post("tempo-1", 1_000, PoolBasis.GPU_SECONDS, List.of()))
                .expectNoEvents().expectException(rejected(POOL_CONFLICT));
    }

    @Test
    void cannotPostAPoolOfZeroUnits() {
        fixture.givenNoPriorActivity()
                .when(post("tempo-1", 0, PoolBasis.WEIGHTS, WEIGHTS))
                .expectNoEvents().expectException(rejected(POOL_AMOUNT_INVALID));
    }

    @Test
    void cannotPostAPoolWithoutAPositiveWeight() {
        fixture.givenNoPriorActivity()
                .when(post("tempo-1", 10, PoolBasis.WEIGHTS, List.of(weight(A, 0), weight(B, 0))))
                .expectNoEvents().expectException(rejected(POOL_NO_POSITIVE_WEIGHT));
    }

    @Test
    void cannotPostAPoolNamingAnAccountTwiceInAnyCase() {
        fixture.givenNoPriorActivity()
                .when(post("tempo-1", 10, PoolBasis.WEIGHTS, List.of(weight(A, 1), weight(A.toLowerCase(), 2))))
                .expectNoEvents().expectException(rejected(POOL_DUPLICATE_ACCOUNT));
    }

    @Test
    void cannotPostAPoolWithANegativeWeight() {
        fixture.givenNoPriorActivity()
                .when(post("tempo-1", 10, PoolBasis.WEIGHTS, List.of(weight(A, 2), weight(B, -1))))
                .expectNoEvents().expectException(rejected(POOL_WEIGHT_INVALID));
    }

    @Test
    void cannotPostAWeightedPoolWithoutWeightsNorAGpuSecondsPoolWithThem() {
        fixture.givenNoPriorActivity()
                .when(post("tempo-1", 10, PoolBasis.WEIGHTS, List.of()))
                .expectNoEvents().expectException(rejected(POOL_SPLIT_INVALID));
        fixture.givenNoPriorActivity()
                .when(post("tempo-1", 10, PoolBasis.GPU_SECONDS, WEIGHTS))
                .expectNoEvents().expectException(rejected(POOL_SPLIT_INVALID));
    }

    private static PostRewardPoolCommand post(String poolId, long amount, PoolBasis basis, List<PoolWeight> weights) {
        return new PostRewardPoolCommand(poolId, BigInteger.valueOf(amount), basis, weights);
    }

    private static RewardPoolPostedEvent posted(String poolId, long amount, PoolBasis basis, List<PoolWeight> weights) {
        return new RewardPoolPostedEvent(poolId, BigInteger.valueOf(amount), basis, weights);
    }

    private static PoolWeight weight(String account, long weight) {
        return new PoolWeight(account, BigInteger.valueOf(weight));
    }
}
