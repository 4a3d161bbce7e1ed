package io.gpuledger.settlement.pool.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import io.gpuledger.settlement.api.PoolBasis;
import io.gpuledger.settlement.api.PoolWeight;
import io.gpuledger.settlement.api.PostRewardPoolCommand;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a pool's body is read: every fault named by its field, under its own code (docs/ERRORS.md). */
class PoolRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";
    private static final String B = "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB";

    @Test
    void readsAWeightedPoolWithItsAccountsChecksummed() throws Exception {
        PostRewardPoolCommand command = read("""
                {"poolId": "tempo-1", "amountUnits": "1000", "weights": [
                  {"account": "%s", "weight": "3"}, {"account": "%s", "weight": "0"}]}
                """.formatted(A.toLowerCase(), B));

        assertThat(command).isEqualTo(new PostRewardPoolCommand("tempo-1", BigInteger.valueOf(1000), PoolBasis.WEIGHTS,
                List.of(new PoolWeight(A, BigInteger.valueOf(3)), new PoolWeight(B, BigInteger.ZERO))));
    }

    @Test
    void readsAPoolSplitByGpuSeconds() throws Exception {
        assertThat(read("{\"poolId\": \"week-48\", \"amountUnits\": \"5000000\", \"basis\": \"GPU_SECONDS\"}"))
                .isEqualTo(new PostRewardPoolCommand("week-48", BigInteger.valueOf(5_000_000), PoolBasis.GPU_SECONDS,
                        List.of()));
    }

    @ParameterizedTest(name = "amountUnits {0}: POOL_AMOUNT_INVALID")
    @CsvSource(delimiter = '|', value = {"\"0\"", "\"1.5\"", "\"-3\"", "\"1e6\"", "1000", "null"})
    void refusesAnAmountThatIsNotAPositiveIntegerString(String amount) {
        assertRefused("{\"poolId\": \"p\", \"amountUnits\": " + amount + ", \"weights\": [{\"account\": \"" + A
                + "\", \"weight\": \"1\"}]}", RejectionCode.POOL_AMOUNT_INVALID, "amountUnits");
    }

    @Test
    void refusesBothWeightsAndBasis() {
        assertRefused("{\"poolId\": \"p\", \"amountUnits\": \"10\", \"basis\": \"GPU_SECONDS\", \"weights\": [{\"account\": \""
                + A + "\", \"weight\": \"1\"}]}", RejectionCode.POOL_SPLIT_INVALID, "basis");
    }

    @Test
    void refusesNeitherWeightsNorBasis() {
        assertRefused("{\"poolId\": \"p\", \"amountUnits\": \"10\"}", RejectionCode.POOL_SPLIT_INVALID, "weights");
    }

    @Test
    void refusesABasisOtherThanGpuSeconds() {
        assertRefused("{\"poolId\": \"p\", \"amountUnits\": \"10\", \"basis\": \"ENERGY\"}",
                RejectionCode.POOL_SPLIT_INVALID, "basis");
    }

    @ParameterizedTest(name = "account {0}: POOL_ACCOUNT_INVALID")
    @CsvSource({
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",   // mixed case, wrong checksum
            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae",    // 19.5 bytes
            "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",     // no 0x
            "0xzzaeb6053f3e94c9b9a09f33669435e7ef1beaed"})  // not hex
    void refusesABadAddress(String account) {
        assertRefused(weights("{\"account\": \"" + account + "\", \"weight\": \"1\"}"),
                RejectionCode.POOL_ACCOUNT_INVALID, "weights[0].account");
    }

    @ParameterizedTest(name = "weight {0}: POOL_WEIGHT_INVALID")
    @CsvSource(delimiter = '|', value = {"\"-1\"", "\"1.5\"", "\"x\"", "7", "null"})
    void refusesAWeightThatIsNotANonNegativeIntegerString(String weight) {
        assertRefused(weights("{\"account\": \"" + A + "\", \"weight\": " + weight + "}"),
                RejectionCode.POOL_WEIGHT_INVALID, "weights[0].weight");
    }

    @Test
    void refusesAnAccountNamedTwiceWhateverItsCase() {
        assertRefused(weights("{\"account\": \"" + A + "\", \"weight\": \"1\"}, {\"account\": \"" + A.toUpperCase()
                .replace("0X", "0x") + "\", \"weight\": \"2\"}"), RejectionCode.POOL_DUPLICATE_ACCOUNT,
                "weights[1].account");
    }

    @Test
    void refusesWeightsThatAreAllZeroOrNone() {
        assertRefused(weights("{\"account\": \"" + A + "\", \"weight\": \"0\"}, {\"account\": \"" + B
                + "\", \"weight\": \"0\"}"), RejectionCode.POOL_NO_POSITIVE_WEIGHT, "weights");
        assertRefused(weights(""), RejectionCode.POOL_NO_POSITIVE_WEIGHT, "weights");
    }

    @Test
    void refusesUnknownFieldsAndABadPoolIdAsAnyRequest() {
        assertRefused("{\"poolId\": \"p\", \"amountUnits\": \"10\", \"basis\": \"GPU_SECONDS\", \"epoch\": 3}",
                RejectionCode.VALIDATION_FAILED, "epoch");
        assertRefused("{\"poolId\": \"no spaces\", \"amountUnits\": \"10\", \"basis\": \"GPU_SECONDS\"}",
                RejectionCode.VALIDATION_FAILED, "poolId");
    }

    @Test
    void namesEveryFaultAndAnswersWithTheCodeOfTheFirst() {
        InvalidRequest refused = refusal("{\"poolId\": \"p\", \"amountUnits\": \"0\", \"weights\": ["
                + "{\"account\": \"0x12\", \"weight\": \"1\"}, {\"account\": \"" + A + "\", \"weight\": \"-2\"}]}");

        assertThat(refused.code()).isEqualTo(RejectionCode.POOL_AMOUNT_INVALID);
        assertThat(refused.problems()).extracting(FieldProblem::field)
                .containsExactly("amountUnits", "weights[0].account", "weights[1].weight");
    }

    private static String weights(String entries) {
        return "{\"poolId\": \"p\", \"amountUnits\": \"10\", \"weights\": [" + entries + "]}";
    }

    private static void assertRefused(String body, RejectionCode code, String field) {
        InvalidRequest refused = refusal(body);
        assertThat(refused.code()).as(body).isEqualTo(code);
        assertThat(refused.problems()).as(body).extracting(FieldProblem::field).contains(field);
    }

    private static InvalidRequest refusal(String body) {
        return catchThrowableOfType(InvalidRequest.class, () -> read(body));
    }

    private static PostRewardPoolCommand read(String body) throws Exception {
        return PoolRequests.post(JSON.readTree(body));
    }
}
