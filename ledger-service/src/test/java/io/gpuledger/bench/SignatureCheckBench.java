package io.gpuledger.bench;

import io.gpuledger.chain.UsageSigningDomain;
import io.gpuledger.usage.MeterSignatures;
import io.gpuledger.usage.SignatureCheckPaths;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.utils.Numeric;

/**
 * The CPU of one usage report's signature check, the old way (digest from JSON text, key recovery)
 * against the ledger's (digest from typed objects, ECDSA check against the lease's known signer key),
 * alternating in one JVM over the same pre-signed reports. Prints µs of thread CPU per check for
 * each and their ratio; on a shared machine quote the ratio. See docs/PERFORMANCE.md.
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
        System.out.printf("%,d reports on %,d leases, signed by %s%n", reports, leases, meter.getAddress());
        System.out.println("round  old µs/check  new µs/check  old / new  recoveries (new)");
        for (int round = 0; round <= rounds; round++) {
            double old = perCheck(signed, meter.getAddress(), r -> SignatureCheckPaths.recoveredFromJson(DOMAIN, "mkt",
                    r.leaseId(), r.reportId(), r.start(), r.end(), r.gpuSeconds(), r.signature()));
            SignatureCheckPaths paths = new SignatureCheckPaths();
            double now = perCheck(signed, meter.getAddress(), r -> paths.signerOf(DOMAIN, "mkt", r.leaseId(),
                    r.reportId(), r.start(), r.end(), r.gpuSeconds(), r.signature()));
            System.out.printf("%-6s %12.1f  %12.1f  %9.2f  %,d%n", round == 0 ? "warm" : String.valueOf(round), old, now,
                    old / now, paths.recoveries());
        }
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
