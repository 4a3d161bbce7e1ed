package io.gpuledger.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.audit.StoredEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.usage.UsageRecordedUpcaster;
import io.gpuledger.usage.api.UsageRecordedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.Map;

/**
 * The provider units each lease accrued over an epoch's usage events. Reading the stored payloads
 * directly, rather than a projection, means the epoch is computed from exactly what is in the
 * event store.
 */
final class EpochAccrual {

    static final String USAGE_RECORDED = UsageRecordedEvent.class.getName();

    private final ObjectMapper json;
    private final Map<String, BigInteger> providerUnitsByLease = new HashMap<>();

    EpochAccrual(ObjectMapper json) {
        this.json = json;
    }

    void add(StoredEvent usageEvent) {
        JsonNode usage = UsageRecordedUpcaster.asRevision2(read(usageEvent.payload()));
        String leaseKey = LeaseKey.of(usage.get("marketplaceId").asText(), usage.get("leaseId").asText());
        BigInteger units = BigInteger.ZERO;
        for (JsonNode report : usage.get("reports")) {
            units = units.add(report.get("providerUnits").bigIntegerValue());
        }
        providerUnitsByLease.merge(leaseKey, units, BigInteger::add);
    }

    Map<String, BigInteger> providerUnitsByLease() {
        return providerUnitsByLease;
    }

    private JsonNode read(byte[] payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored event's payload is not JSON", e);
        }
    }
}
