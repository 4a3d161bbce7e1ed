package io.gpuledger.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.UsageSignatureVerifier.RefusedSignature;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier against signatures made by ethers, an implementation independent of web3j
 * ({@code contracts/scripts/usage-signature-vectors.mjs}, its output committed beside the tests):
 * each vector is checked against the domain and report it names and must recover its signer, recover
 * some other address, or be refused.
 */
class UsageSignatureVectorsTest {

    private static final JsonNode FILE = read();

    static Stream<Named<JsonNode>> vectors() {
        List<Named<JsonNode>> all = new ArrayList<>();
        FILE.path("vectors").forEach(v -> all.add(Named.of(v.path("name").asText(), v)));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void answersAsTheIndependentImplementationExpects(JsonNode vector) throws RefusedSignature {
        UsageSigningDomain domain = new UsageSigningDomain(vector.at("/checkedDomain/chainId").asLong(),
                vector.at("/checkedDomain/verifyingContract").asText());
        SignedReport report = reportOf(vector.path("checkedReport"));
        String signature = vector.path("signature").asText();
        String signer = vector.path("signer").asText();

        switch (vector.path("expect").asText()) {
            case "SIGNER" -> assertThat(UsageSignatureVerifier.recoverSigner(domain, report, signature)).isEqualTo(signer);
            case "OTHER" -> assertThat(UsageSignatureVerifier.recoverSigner(domain, report, signature))
                    .isNotEqualToIgnoringCase(signer);
            case "REFUSED" -> assertThatThrownBy(() -> UsageSignatureVerifier.recoverSigner(domain, report, signature))
                    .isInstanceOf(RefusedSignature.class);
            default -> throw new IllegalStateException("unknown expectation in " + vector);
        }
    }

    @Test
    void theVectorsCoverEveryCaseTheVerifierMustTellApart() {
        assertThat(vectors().map(Named::getName)).contains("valid meter signature", "valid tenant countersignature",
                "wrong chain id", "wrong verifying contract", "flipped gpuSeconds", "high-s signature",
                "signature by another key");
        assertThat(FILE.at("/addresses/meter").asText()).isNotEqualTo(FILE.at("/addresses/tenant").asText());
    }

    @Test
    void refusesWhatIsNotSixtyFiveBytesOfHex() {
        UsageSigningDomain domain = new UsageSigningDomain(31337, FILE.at("/signedDomain/verifyingContract").asText());
        SignedReport report = reportOf(FILE.path("signedReport"));

        for (String malformed : new String[] {null, "", "0x", "0x1234", "0x" + "zz".repeat(65), "0x" + "11".repeat(66)}) {
            assertThatThrownBy(() -> UsageSignatureVerifier.recoverSigner(domain, report, malformed))
                    .as(String.valueOf(malformed)).isInstanceOf(RefusedSignature.class);
        }
    }

    private static SignedReport reportOf(JsonNode r) {
        return new SignedReport(r.path("marketplaceId").asText(), r.path("leaseId").asText(), r.path("reportId").asText(),
                r.path("periodStart").asLong(), r.path("periodEnd").asLong(), r.path("gpuSeconds").asLong(),
                r.path("energyWh").asLong());
    }

    private static JsonNode read() {
        try (InputStream in = UsageSignatureVectorsTest.class.getResourceAsStream(
                "/signatures/usage-signature-vectors.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
