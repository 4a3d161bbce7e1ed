package io.gpuledger.settlement.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.utils.Numeric;

/**
 * Roots, leaf order and proofs against {@code @openzeppelin/merkle-tree} 1.0.8, from the fixtures
 * that contracts/scripts/merkle-fixtures.mjs writes with that library.
 */
class StandardMerkleTreeTest {

    record Fixture(String name, LeafEncoding encoding, List<List<Object>> values, JsonNode json) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Fixture> fixtures() throws IOException {
        try (InputStream in = StandardMerkleTreeTest.class.getResourceAsStream("/merkle/standard-tree-fixtures.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            List<Fixture> fixtures = new ArrayList<>();
            for (JsonNode f : root.get("fixtures")) {
                List<String> types = new ArrayList<>();
                f.get("encoding").forEach(t -> types.add(t.asText()));
                List<List<Object>> values = new ArrayList<>();
                for (JsonNode v : f.get("values")) {
                    List<Object> leaf = new ArrayList<>();
                    v.forEach(x -> leaf.add(x.asText()));
                    values.add(leaf);
                }
                fixtures.add(new Fixture(f.get("name").asText(), new LeafEncoding(types), values, f));
            }
            return fixtures.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void hasTheLibrarysRoot(Fixture fixture) {
        StandardMerkleTree tree = StandardMerkleTree.of(fixture.values(), fixture.encoding());

        assertThat(tree.rootHex()).isEqualTo(fixture.json().get("root").asText());
        assertThat(tree.size()).isEqualTo(fixture.values().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void placesLeavesAndProvesThemAsTheLibraryDoes(Fixture fixture) {
        StandardMerkleTree tree = StandardMerkleTree.of(fixture.values(), fixture.encoding());

        for (JsonNode expected : fixture.json().get("proofs")) {
            int index = expected.get("index").asInt();
            List<String> proof = new ArrayList<>();
            expected.get("proof").forEach(p -> proof.add(p.asText()));

            assertThat(tree.treeIndex(index)).as("tree index of value %d", index).isEqualTo(expected.get("treeIndex").asInt());
            assertThat(Numeric.toHexString(tree.leafHash(index))).isEqualTo(expected.get("leafHash").asText());
            assertThat(tree.proofHex(index)).as("proof of value %d", index).isEqualTo(proof);
            assertThat(tree.verify(fixture.values().get(index), tree.proof(index))).isTrue();
        }
    }

    @Test
    void rejectsAProofOfAnotherAmount() {
        List<List<Object>> payouts = payouts(7);
        StandardMerkleTree tree = StandardMerkleTree.of(payouts, LeafEncoding.ADDRESS_UINT256);
        List<Object> inflated = List.of(payouts.get(3).get(0), ((BigInteger) payouts.get(3).get(1)).add(BigInteger.ONE));

        assertThat(tree.verify(payouts.get(3), tree.proof(3))).isTrue();
        assertThat(tree.verify(inflated, tree.proof(3))).isFalse();
        assertThat(tree.verify(payouts.get(3), tree.proof(4))).isFalse();
    }

    @Test
    void verifiesProofsAcrossATenThousandLeafTree() {
        List<List<Object>> payouts = payouts(10_000);
        StandardMerkleTree tree = StandardMerkleTree.of(payouts, LeafEncoding.ADDRESS_UINT256);

        for (int i = 0; i < payouts.size(); i += 97) {
            assertThat(StandardMerkleTree.verify(tree.root(), LeafEncoding.ADDRESS_UINT256, payouts.get(i), tree.proof(i))).isTrue();
        }
    }

    @Test
    void acceptsWeb3jTypesAndPlainValuesAlike() {
        List<Object> plain = List.of("0x00000000000000000000000000000000000000aa", 5L);
        List<Object> typed = List.of(new org.web3j.abi.datatypes.Address("0xaa"), new org.web3j.abi.datatypes.generated.Uint256(5));

        assertThat(LeafEncoding.ADDRESS_UINT256.leafHash(plain)).isEqualTo(LeafEncoding.ADDRESS_UINT256.leafHash(typed));
    }

    @Test
    void cannotBuildATreeWithoutLeaves() {
        assertThatThrownBy(() -> StandardMerkleTree.of(List.of(), LeafEncoding.BYTES32))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cannotEncodeTheWrongNumberOfValues() {
        assertThatThrownBy(() -> LeafEncoding.ADDRESS_UINT256.leafHash(List.of("0xaa")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static List<List<Object>> payouts(int count) {
        List<List<Object>> payouts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String account = Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(i + 1).shiftLeft(100), 40);
            payouts.add(List.of(account, BigInteger.valueOf(1_000_000L + (i % 13) * 250_000L)));
        }
        return payouts;
    }
}
