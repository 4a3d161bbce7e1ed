package io.gpuledger.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.chain.UsageSigningDomain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SignatureException;
import java.util.Arrays;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.crypto.StructuredDataEncoder;
import org.web3j.utils.Numeric;

/**
 * Recovers who signed a usage report: the EIP-712 hash of the report under the ledger's domain
 * (web3j's {@link StructuredDataEncoder}, from the typed data as a wallet's {@code eth_signTypedData_v4}
 * takes it), then the key from the signature ({@link Sign#signedMessageHashToKey}). Refuses what
 * Ethereum refuses: a signature that is not 65 bytes, a {@code v} other than 27/28 (0/1 are read as
 * 27/28), and a high {@code s}, the malleable twin of a valid signature, so each report has one
 * signature per signer.
 */
final class UsageSignatureVerifier {

    static final String PRIMARY_TYPE = "UsageReport";
    private static final String[][] FIELDS = {{"marketplaceId", "string"}, {"leaseId", "string"},
            {"reportId", "string"}, {"periodStart", "uint64"}, {"periodEnd", "uint64"}, {"gpuSeconds", "uint64"},
            {"energyWh", "uint64"}};
    private static final String[][] DOMAIN_FIELDS = {{"name", "string"}, {"version", "string"},
            {"chainId", "uint256"}, {"verifyingContract", "address"}};
    private static final BigInteger HALF_CURVE_ORDER = Sign.CURVE_PARAMS.getN().shiftRight(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What is signed: the report's fields, times in Unix seconds. */
    record SignedReport(String marketplaceId, String leaseId, String reportId, long periodStart, long periodEnd,
                        long gpuSeconds, long energyWh) {
    }

    /** A signature that cannot be any signer's. */
    static final class RefusedSignature extends Exception {
        RefusedSignature(String message) {
            super(message);
        }
    }

    private UsageSignatureVerifier() {
    }

    /** The EIP-55 address whose key made {@code signatureHex} over {@code report} in {@code domain}. */
    static String recoverSigner(UsageSigningDomain domain, SignedReport report, String signatureHex)
            throws RefusedSignature {
        Sign.SignatureData signature = parse(signatureHex);
        try {
            BigInteger key = Sign.signedMessageHashToKey(hash(domain, report), signature);
            return Keys.toChecksumAddress(Keys.getAddress(key));
        } catch (SignatureException | IllegalArgumentException e) {
            throw new RefusedSignature("no key recovers from the signature");
        }
    }

    /** The EIP-712 digest: keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(report)). */
    static byte[] hash(UsageSigningDomain domain, SignedReport report) {
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
        declare(types.putArray(PRIMARY_TYPE), FIELDS);
        root.put("primaryType", PRIMARY_TYPE);
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

    private static Sign.SignatureData parse(String hex) throws RefusedSignature {
        if (hex == null || !hex.matches("0x[0-9a-fA-F]{130}")) {
            throw new RefusedSignature("must be 65 bytes as 0x and 130 hex digits");
        }
        byte[] bytes = Numeric.hexStringToByteArray(hex);
        int v = bytes[64] & 0xff;
        if (v == 0 || v == 1) {
            v += 27;
        }
        if (v != 27 && v != 28) {
            throw new RefusedSignature("v must be 27 or 28 (or 0 or 1)");
        }
        byte[] r = Arrays.copyOfRange(bytes, 0, 32);
        byte[] s = Arrays.copyOfRange(bytes, 32, 64);
        BigInteger sValue = new BigInteger(1, s);
        if (sValue.signum() == 0 || sValue.compareTo(HALF_CURVE_ORDER) > 0) {
            throw new RefusedSignature("s must be in the lower half of the curve order (EIP-2)");
        }
        if (new BigInteger(1, r).signum() == 0) {
            throw new RefusedSignature("r must not be zero");
        }
        return new Sign.SignatureData((byte) v, r, s);
    }
}
