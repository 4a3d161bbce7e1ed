package io.gpuledger.config;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Gives every field of every body its format and an example from the API's naming rules
 * (docs/API.md): amounts end in {@code Units} and are decimal strings of integers, moments end in
 * {@code At} (or are period edges) and are ISO-8601 UTC, identifiers follow one pattern, hashes and
 * addresses are hex. A field's own {@code @Schema} example, where it has one, stands.
 */
@Component
class OpenApiConventions implements OpenApiCustomizer {

    static final String IDENTIFIER = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";
    private static final String HASH = "^0x[0-9a-f]{64}$";
    private static final String ADDRESS = "^0x[0-9a-fA-F]{40}$";
    private static final Map<String, Object> EXAMPLES = Map.ofEntries(
            Map.entry("leaseId", "mkt-lease-0001"), Map.entry("providerId", "prov-7"),
            Map.entry("tenantId", "tenant-42"), Map.entry("marketplaceId", "mkt-a"),
            Map.entry("gpuModel", "H100-SXM-80GB"), Map.entry("reportId", "r-2026-11-01T00"),
            Map.entry("depositId", "dep-0001"), Map.entry("adjustmentId", "adj-0001"),
            Map.entry("intentId", "epoch-12-anchor-1"), Map.entry("eventId", "0193a1d2-5c4e-7b8f-9a0b-1c2d3e4f5a6b"),
            Map.entry("gpuCount", 8), Map.entry("marketplaceFeeBps", 500), Map.entry("gpuSeconds", 28800),
            Map.entry("gpuSecondsRecorded", 28800), Map.entry("energyWh", 1500000), Map.entry("capacityKw", 20000),
            Map.entry("energyWhRecorded", 1500000), Map.entry("epoch", 12), Map.entry("globalIndex", 4711),
            Map.entry("sequenceNumber", 3), Map.entry("tokenDecimals", 6), Map.entry("chainId", 31337),
            Map.entry("state", "ACTIVE"), Map.entry("status", "ACCEPTED"), Map.entry("billing", "POSTPAID"),
            Map.entry("nextCursor", "AQ0xMjM0NTY3OO2x9bq1Tj7gd4Gm0r2rjA"), Map.entry("reason", "TENANT_ENDED"),
            Map.entry("kind", "DEPOSIT"), Map.entry("account", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            Map.entry("providerPayoutAddress", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            Map.entry("aggregateId", "mkt-a/mkt-lease-0001"), Map.entry("type", "UsageRecordedEvent"),
            Map.entry("payloadType", "io.gpuledger.lease.api.UsageRecordedEvent"), Map.entry("code", "LEASE_CLOSED"));
    private static final List<String> IDENTIFIERS = List.of("leaseId", "providerId", "tenantId", "marketplaceId",
            "gpuModel", "reportId", "depositId", "adjustmentId");

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        openApi.getComponents().getSchemas().values().forEach(OpenApiConventions::describeFields);
    }

    private static void describeFields(Schema<?> schema) {
        if (schema.getProperties() == null) {
            return;
        }
        schema.getProperties().forEach((name, field) -> {
            describe(name, field);
            if (field.getItems() != null) {
                describeFields(field.getItems());
            }
            describeFields(field);
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void describe(String name, Schema field) {
        if (field.get$ref() != null) {
            return;
        }
        String type = field.getType() != null ? field.getType()
                : field.getTypes() != null && !field.getTypes().isEmpty() ? (String) field.getTypes().iterator().next() : null;
        if ("string".equals(type)) {
            if (name.endsWith("Units") || name.contains("UnitsPer")) {
                field.setPattern("^-?[0-9]+$");
                example(field, "16800000");
            } else if ("date-time".equals(field.getFormat()) || name.endsWith("At")) {
                field.setFormat("date-time");
                example(field, "2026-11-01T00:00:00Z");
            } else if (IDENTIFIERS.contains(name)) {
                field.setPattern(IDENTIFIER);
            } else if (name.toLowerCase().endsWith("hash") || name.endsWith("Root") || name.equals("root")) {
                field.setPattern(HASH);
                example(field, "0x" + "3f".repeat(32));
            } else if (name.endsWith("Address") || name.equals("account") || name.equals("from")) {
                example(field, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
            }
        }
        if (field.getEnum() != null && !field.getEnum().isEmpty()) {
            example(field, field.getEnum().get(0));
        }
        Object known = EXAMPLES.get(name);
        if (known != null && (!(known instanceof String) || "string".equals(type))
                && (!(known instanceof Integer) || "integer".equals(type))) {
            example(field, known);
        }
        if ("string".equals(type)) {
            example(field, "text");
        } else if ("integer".equals(type)) {
            example(field, 1);
        } else if ("boolean".equals(type)) {
            example(field, true);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void example(Schema field, Object example) {
        if (field.getExample() == null) {
            field.setExample(example);
        }
    }
}
