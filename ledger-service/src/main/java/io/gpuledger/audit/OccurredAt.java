package io.gpuledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.usage.UsageRecordedUpcaster;
import java.time.Instant;

/**
 * When the fact an event records happened in the world, as opposed to when the ledger recorded it:
 * a price change at its effectiveFrom, a close at its closedAt, usage at the end of its latest
 * period. Opening a lease happens when it is recorded.
 */
final class OccurredAt {

    private OccurredAt() {
    }

    static String of(String type, JsonNode payload, String recordedAt) {
        JsonNode value = switch (type) {
            case "LeasePriceChangedEvent" -> payload.get("effectiveFrom");
            case "LeaseClosedEvent" -> payload.get("closedAt");
            case "UsageRecordedEvent" -> latestPeriodEnd(UsageRecordedUpcaster.asRevision2(payload).get("reports"));
            default -> null;
        };
        return value == null || value.isNull() ? recordedAt : value.asText();
    }

    private static JsonNode latestPeriodEnd(JsonNode reports) {
        JsonNode latest = null;
        for (JsonNode report : reports) {
            JsonNode end = report.get("periodEnd");
            if (latest == null || Instant.parse(end.asText()).isAfter(Instant.parse(latest.asText()))) {
                latest = end;
            }
        }
        return latest;
    }
}
