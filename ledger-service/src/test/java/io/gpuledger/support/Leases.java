package io.gpuledger.support;

import java.util.List;
import java.util.UUID;

/** Request bodies for tests. */
public final class Leases {

    public static final String PAYOUT_ADDRESS = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed";

    private Leases() {
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String open(String leaseId, String providerId, String tenantId, int gpuCount, String price,
                              int feeBps, String startsAt, String endsAt) {
        return """
                {"leaseId": "%s", "providerId": "%s", "providerPayoutAddress": "%s", "tenantId": "%s",
                 "gpuModel": "H100-SXM-80GB", "gpuCount": %d, "priceUnitsPerGpuHour": "%s",
                 "marketplaceFeeBps": %d, "startsAt": "%s"%s}
                """.formatted(leaseId, providerId, PAYOUT_ADDRESS, tenantId, gpuCount, price, feeBps, startsAt,
                endsAt == null ? "" : ", \"endsAt\": \"" + endsAt + "\"");
    }

    public static String open(String leaseId) {
        return open(leaseId, "prov-7", "tenant-42", 8, "2100000", 500, "2026-11-01T00:00:00Z",
                "2026-12-01T00:00:00Z");
    }

    public static String usage(String reportId, String start, String end, long gpuSeconds) {
        return """
                {"reportId": "%s", "periodStart": "%s", "periodEnd": "%s", "gpuSeconds": %d}
                """.formatted(reportId, start, end, gpuSeconds);
    }

    public static String price(String priceUnitsPerGpuHour, String effectiveFrom) {
        return """
                {"priceUnitsPerGpuHour": "%s", "effectiveFrom": "%s"}
                """.formatted(priceUnitsPerGpuHour, effectiveFrom);
    }

    public static String close(String reason, String closedAt) {
        return """
                {"reason": "%s", "closedAt": "%s"}
                """.formatted(reason, closedAt);
    }

    /** One report of a {@code POST /v1/usage:batch}. */
    public static String batchReport(String leaseId, String reportId, String start, String end, long gpuSeconds) {
        return """
                {"leaseId": "%s", "reportId": "%s", "periodStart": "%s", "periodEnd": "%s", "gpuSeconds": %d}"""
                .formatted(leaseId, reportId, start, end, gpuSeconds);
    }

    /** A batch body of reports already written as JSON. */
    public static String batch(List<String> reports) {
        return "{\"reports\": [" + String.join(",\n", reports) + "]}";
    }
}
