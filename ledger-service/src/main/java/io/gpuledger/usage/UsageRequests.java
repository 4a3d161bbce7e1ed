package io.gpuledger.usage;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.platform.JsonFields;
import io.gpuledger.lease.api.UsageReport;
import io.gpuledger.lease.api.UsageSignatures;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Turns usage request bodies into reports, naming every field at fault. */
final class UsageRequests {

    private static final Set<String> REPORT_FIELDS = Set.of("reportId", "periodStart", "periodEnd", "gpuSeconds",
            "energyWh", "signature", "tenantSignature");
    private static final Set<String> BATCH_REPORT_FIELDS = Set.of("leaseId", "reportId", "periodStart", "periodEnd",
            "gpuSeconds", "energyWh", "signature", "tenantSignature");
    static final long MAX_GPU_SECONDS = 1L << 52;
    static final long MAX_ENERGY_WH = 1L << 52;

    private UsageRequests() {
    }

    static UsageReport report(JsonNode body) {
        JsonFields f = JsonFields.of(body, REPORT_FIELDS);
        UsageReport report = readReport(f);
        f.throwIfInvalid();
        return report;
    }

    /** One report of a batch; its problems go to {@code sink}, prefixed with its position. */
    static BatchEntry batchEntry(JsonNode node, int index, List<FieldProblem> sink) {
        JsonFields f = JsonFields.nested(node, "reports[" + index + "]", BATCH_REPORT_FIELDS, sink);
        String leaseId = f.identifier("leaseId");
        UsageReport report = readReport(f);
        return new BatchEntry(index, leaseId, report);
    }

    record BatchEntry(int index, String leaseId, UsageReport report) {
    }

    private static UsageReport readReport(JsonFields f) {
        String reportId = f.identifier("reportId");
        Instant start = f.instant("periodStart", true);
        Instant end = f.instant("periodEnd", true);
        boolean energy = f.has("energyWh");
        if (energy && f.has("gpuSeconds")) {
            f.problem("energyWh", "a report carries gpuSeconds or energyWh, not both");
        }
        long gpuSeconds = energy ? 0 : f.wholeNumber("gpuSeconds", 0, MAX_GPU_SECONDS);
        Long energyWh = energy ? f.wholeNumber("energyWh", 0, MAX_ENERGY_WH) : null;
        if (start != null && end != null && !start.isBefore(end)) {
            f.problem("periodEnd", "must be after periodStart");
        }
        String signature = f.text("signature", false);
        String tenantSignature = f.text("tenantSignature", false);
        UsageSignatures signatures = signature == null && tenantSignature == null ? null
                : new UsageSignatures(signature, null, tenantSignature, null);
        return new UsageReport(reportId, start, end, gpuSeconds, signatures, energyWh);
    }
}
