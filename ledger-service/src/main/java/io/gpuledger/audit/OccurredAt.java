package io.gpuledger.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * When the fact an event records happened in the world, as opposed to when the ledger recorded it:
 * a price change at its effectiveFrom, a close at its closedAt, usage at the end of its period.
 * Opening a lease happens when it is recorded.
 */
final class OccurredAt {

    private OccurredAt() {
    }

    static String of(String type, JsonNode payload, String recordedAt) {
        String field = switch (type) {
            case "LeasePriceChangedEvent" -> "effectiveFrom";
            case "LeaseClosedEvent" -> "closedAt";
            case "UsageRecordedEvent" -> "periodEnd";
            default -> null;
        };
        JsonNode value = field == null ? null : payload.get(field);
        return value == null || value.isNull() ? recordedAt : value.asText();
    }
}
