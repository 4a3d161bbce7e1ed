package io.gpuledger.settlement.onchain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;

class ContractErrorsTest {

    private static final Pattern ERROR = Pattern.compile("^\\s*error (\\w+)\\(([^)]*)\\);", Pattern.MULTILINE);

    @Test
    void everyErrorTheContractsDeclareIsKnown() throws IOException {
        List<String> declared = new ArrayList<>();
        try (Stream<Path> sources = Files.list(Path.of("../contracts/src"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".sol")).toList()) {
                Matcher error = ERROR.matcher(Files.readString(source));
                while (error.find()) {
                    declared.add(error.group(1) + "(" + Arrays.stream(error.group(2).split(","))
                            .map(String::strip).filter(p -> !p.isEmpty()).map(p -> p.split("\\s+")[0])
                            .collect(Collectors.joining(",")) + ")");
                }
            }
        }

        assertThat(declared).hasSizeGreaterThan(10);
        assertThat(ContractErrors.SIGNATURES).containsAll(declared);
    }

    @Test
    void anErrorIsNamedWithItsArguments() {
        String selector = Hash.sha3String("EpochAlreadyAnchored(uint64)").substring(0, 10);

        assertThat(ContractErrors.describe(selector + "0".repeat(63) + "1")).hasValue("EpochAlreadyAnchored(1)");
    }

    @Test
    void anAccessControlRefusalNamesTheAccountAndTheRole() {
        String selector = Hash.sha3String("AccessControlUnauthorizedAccount(address,bytes32)").substring(0, 10);
        String account = "00000000000000000000000000000000000000000000000000000000000000a1".substring(0, 24)
                + "1234567890abcdef1234567890abcdef12345678";
        String role = "97667070c54ef182b0f5858b034beac1b6f3089aa2d3188bb1e8929f4fa9b929";

        assertThat(ContractErrors.describe(selector + account + role)).hasValue(
                "AccessControlUnauthorizedAccount(0x1234567890abcdef1234567890abcdef12345678, 0x" + role + ")");
    }

    @Test
    void unknownOrShortDataIsNotNamed() {
        assertThat(ContractErrors.describe("0xdeadbeef")).isEmpty();
        assertThat(ContractErrors.describe("0x")).isEmpty();
        assertThat(ContractErrors.describe(null)).isEmpty();
        String selector = Hash.sha3String("EpochAlreadyAnchored(uint64)").substring(0, 10);
        assertThat(ContractErrors.describe(selector)).hasValue("EpochAlreadyAnchored");
        assertThat(ContractErrors.describe(Hash.sha3String("ZeroAmount()").substring(0, 10))).hasValue("ZeroAmount()");
    }
}
