package io.gpuledger.bench;

import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.MeterSignatures;
import io.gpuledger.usage.SignatureCheckPaths;
import io.gpuledger.usage.SignatureCheckPaths.Library;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * The CPU of one usage report's signature check, alternating in one JVM over the same pre-signed
 * reports: the old way (digest from JSON text, web3j's key recovery); the ledger's (digest from
 * typed objects, check against the lease's known signer key) with BouncyCastle's arithmetic and
 * with libsecp256k1's (recovery with v, compared with the known key); and libsecp256k1's bare ECDSA
 * verification, which ignores v (the floor of any check built on it). Prints µs of thread CPU per
 * check and ratios; on a shared machine quote the ratios. See docs/PERFORMANCE.md.
 * Arguments (key=value): reports=20000 leases=1000 rounds=3 (one more round first, as warm-up).
 */
public final class SignatureCheckBench {

    private static final String METER_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
    private static final UsageSigningDomain DOMAIN = new UsageSigningDomain(31337,
            "0x5FbDB2315678afecb367f032d93F642f64180aa3");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private record Report(String leaseId, String reportId, long start, long end, long gpuSeconds, String signature) {
    }

    private interface Check {
        String signerOf(Report report) throws Exception;
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            String[] pair = arg.split("=", 2);
            args.put(pair[0], pair[1]);
        }
        int reports = Integer.parseInt(args.getOrDefault("reports", "20000"));
        int leases = Integer.parseInt(args.getOrDefault("leases", "1000"));
        int rounds = Integer.parseInt(args.getOrDefault("rounds", "3"));
        Credentials meter = Credentials.create(METER_KEY);
        Report[] signed = sign(new BenchMeter(Numeric.toBigInt(METER_KEY)), reports, leases);
        byte[] meterKey = Numeric.hexStringToByteArray("0x04"
                + Numeric.toHexStringNoPrefixZeroPadded(meter.getEcKeyPair().getPublicKey(), 128));
        System.out.printf("%,d reports on %,d leases, signed by %s; the ledger uses libsecp256k1 here: %s%n", reports,
                leases, meter.getAddress(), SignatureCheckPaths.nativeInUse());
        System.out.println("µs of CPU per check: old = JSON digest + BC recovery; BC, libsecp = the ledger's check;"
                + " verify = libsecp's ECDSA verification alone (ignores v)");
        System.out.println("round      old       BC  libsecp   verify  old / libsecp  BC / libsecp");
        for (int round = 0; round <= rounds; round++) {
            double old = perCheck(signed, meter.getAddress(), r -> SignatureCheckPaths.recoveredFromJson(DOMAIN, "mkt",
                    r.leaseId(), r.reportId(), r.start(), r.end(), r.gpuSeconds(), r.signature()));
            double bc = perCheck(signed, meter.getAddress(), ledger(Library.BOUNCY_CASTLE));
            double libsecp = perCheck(signed, meter.getAddress(), ledger(Library.LIBSECP256K1));
            double verify = perCheck(signed, meter.getAddress(), r -> SignatureCheckPaths.verifiedIgnoringV(DOMAIN, "mkt",
                    r.leaseId(), r.reportId(), r.start(), r.end(), r.gpuSeconds(), r.signature(), meterKey)
                    ? meter.getAddress() : "not verified");
            System.out.printf("%-6s %8.1f %8.1f %8.1f %8.1f %14.2f %13.2f%n",
                    round == 0 ? "warm" : String.valueOf(round), old, bc, libsecp, verify, old / libsecp, bc / libsecp);
        }
    }

    /** The ledger's check with {@code library}'s arithmetic, its known signers fresh. */
    private static Check ledger(Library library) {
        SignatureCheckPaths paths = new SignatureCheckPaths(library);
        return r -> paths.signerOf(DOMAIN, "mkt", r.leaseId(), r.reportId(), r.start(), r.end(), r.gpuSeconds(),
                r.signature());
    }

    private static Report[] sign(BenchMeter meter, int reports, int leases) {
        Report[] signed = new Report[reports];
        for (int i = 0; i < reports; i++) {
            String leaseId = "lease-" + (i % leases);
            long start = 1_700_000_000L + 60L * (i / leases);
            byte[] digest = MeterSignatures.digest(DOMAIN, "mkt", leaseId, "report-" + i, Instant.ofEpochSecond(start),
                    Instant.ofEpochSecond(start + 60), 60 + i % 7);
            signed[i] = new Report(leaseId, "report-" + i, start, start + 60, 60 + i % 7, meter.sign(digest));
        }
        return signed;
    }

    /** µs of this thread's CPU per check; every check must find the meter. */
    private static double perCheck(Report[] reports, String meter, Check check) throws Exception {
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (Report report : reports) {
            if (!check.signerOf(report).equalsIgnoreCase(meter)) {
                throw new IllegalStateException("report " + report.reportId() + " not found signed by the meter");
            }
        }
        return (THREADS.getCurrentThreadCpuTime() - cpu) / 1_000.0 / reports.length;
    }
}
