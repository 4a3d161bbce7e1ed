package io.gpuledger.usage;

import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.UsageSignatureVerifier.SignedReport;
import java.util.HashMap;
import java.util.List;
import org.web3j.crypto.Hash;
import org.web3j.crypto.StructuredData;
import org.web3j.crypto.StructuredDataEncoder;

/**
 * The EIP-712 digest of a usage report, {@code keccak256("\x19\x01" ‖ domainSeparator ‖ hashStruct(report))},
 * by web3j's {@link StructuredDataEncoder} built from typed objects, not from JSON text. One encoder
 * per domain holds the types and computes the domain separator once; each report then costs one
 * {@link StructuredDataEncoder#hashMessage} and one keccak.
 */
final class UsageReportDigest {

    static final String PRIMARY_TYPE = "UsageReport";
    private static final byte[] PREFIX = {0x19, 0x01};
    private static final List<StructuredData.Entry> DOMAIN_FIELDS = List.of(entry("name", "string"),
            entry("version", "string"), entry("chainId", "uint256"), entry("verifyingContract", "address"));
    private static final List<StructuredData.Entry> REPORT_FIELDS = List.of(entry("marketplaceId", "string"),
            entry("leaseId", "string"), entry("reportId", "string"), entry("periodStart", "uint64"),
            entry("periodEnd", "uint64"), entry("gpuSeconds", "uint64"), entry("energyWh", "uint64"));

    /**
     * The encoder of the domain last asked for (a ledger signs under one domain), shared by all
     * threads: the encoder's state is set by its constructor and only read after.
     */
    private static volatile DomainEncoder last;

    private record DomainEncoder(UsageSigningDomain domain, StructuredDataEncoder encoder, byte[] separator) {
    }

    private UsageReportDigest() {
    }

    static byte[] of(UsageSigningDomain domain, SignedReport report) {
        DomainEncoder encoder = encoderOf(domain);
        byte[] structHash = encoder.encoder().hashMessage(PRIMARY_TYPE, message(report));
        byte[] data = new byte[2 + 32 + 32];
        System.arraycopy(PREFIX, 0, data, 0, 2);
        System.arraycopy(encoder.separator(), 0, data, 2, 32);
        System.arraycopy(structHash, 0, data, 34, 32);
        return Hash.sha3(data);
    }

    private static DomainEncoder encoderOf(UsageSigningDomain domain) {
        DomainEncoder current = last;
        if (current == null || !current.domain().equals(domain)) {
            HashMap<String, List<StructuredData.Entry>> types = new HashMap<>();
            types.put("EIP712Domain", DOMAIN_FIELDS);
            types.put(PRIMARY_TYPE, REPORT_FIELDS);
            StructuredData.EIP712Domain eip712Domain = new StructuredData.EIP712Domain(UsageSigningDomain.NAME,
                    UsageSigningDomain.VERSION, Long.toString(domain.chainId()), domain.verifyingContract(), null);
            StructuredDataEncoder encoder = new StructuredDataEncoder(
                    new StructuredData.EIP712Message(types, PRIMARY_TYPE, new HashMap<String, Object>(), eip712Domain));
            current = new DomainEncoder(domain, encoder, encoder.hashDomain());
            last = current;
        }
        return current;
    }

    private static HashMap<String, Object> message(SignedReport report) {
        HashMap<String, Object> m = new HashMap<>(16);
        m.put("marketplaceId", report.marketplaceId());
        m.put("leaseId", report.leaseId());
        m.put("reportId", report.reportId());
        m.put("periodStart", report.periodStart());
        m.put("periodEnd", report.periodEnd());
        m.put("gpuSeconds", report.gpuSeconds());
        m.put("energyWh", report.energyWh());
        return m;
    }

    private static StructuredData.Entry entry(String name, String type) {
        return new StructuredData.Entry(name, type);
    }
}
