package io.gpuledger.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The plain reference of {@link UsageReportDigest}: the typed data written as the JSON a wallet's
 * {@code eth_signTypedData_v4} takes, and hashed by web3j's encoder from that text.
 */
final class JsonTypedDataDigest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] FIELDS = {{"marketplaceId", "string"}, {"leaseId", "string"},
            {"reportId", "string"}, {"periodStart", "uint64"}, {"periodEnd", "uint64"}, {"gpuSeconds", "uint64"},
            {"energyWh", "uint64"}};
    private static final String[][] DOMAIN_FIELDS = {{"name", "string"}, {"version", "string"},
            {"chainId", "uint256"}, {"verifyingContract", "address"}};

    private JsonTypedDataDigest() {
    }

    static byte[] of(UsageSigningDomain domain, SignedReport report) {
        try {
            return new StructuredDataEncoder(typedData(domain, report)).hashStructuredData();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String typedData(UsageSigningDomain domain, SignedReport report) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode types = root.putObject("types");
        declare(types.putArray("EIP712Domain"), DOMAIN_FIELDS);
        declare(types.putArray(UsageReportDigest.PRIMARY_TYPE), FIELDS);
        root.put("primaryType", UsageReportDigest.PRIMARY_TYPE);
        ObjectNode d = root.putObject("domain");
        d.put("name", UsageSigningDomain.NAME);
        d.put("version", UsageSigningDomain.VERSION);
        d.put("chainId", domain.chainId());
        d.put("verifyingContract", domain.verifyingContract());
        ObjectNode m = root.putObject("message");
        m.put("marketplaceId", report.marketplaceId());
        m.put("leaseId", report.leaseId());
        m.put("reportId", report.reportId());
        m.put("periodStart", report.periodStart());
        m.put("periodEnd", report.periodEnd());
        m.put("gpuSeconds", report.gpuSeconds());
        m.put("energyWh", report.energyWh());
        return root.toString();
    }

    private static void declare(ArrayNode type, String[][] fields) {
        for (String[] field : fields) {
            type.addObject().put("name", field[0]).put("type", field[1]);
        }
    }
}
