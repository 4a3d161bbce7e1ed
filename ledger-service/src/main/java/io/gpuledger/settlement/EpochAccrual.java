package io.gpuledger.settlement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.audit.EventHashes;
import io.gpuledger.audit.StoredEvent;
import io.gpuledger.lease.api.LeaseKey;
import io.gpuledger.usage.api.UsageRecordedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one pass over an epoch's events gathers: the hash of every event (for the events root) and
 * the provider units each lease accrued (for the payouts). Reading the stored payloads directly,
 * rather than a projection, means the epoch is computed from exactly what is in the event store.
 */
final class EpochAccrual {

    private static final String USAGE_RECORDED = UsageRecordedEvent.class.getName();

    private final ObjectMapper json;
    private final List<byte[]> eventHashes = new ArrayList<>();
    private final Map<String, BigInteger> providerUnitsByLease = new HashMap<>();

    EpochAccrual(ObjectMapper json) {
        this.json = json;
    }

    void add(StoredEvent event) {
        eventHashes.add(EventHashes.hash(event));
        if (USAGE_RECORDED.equals(event.payloadType())) {
            JsonNode usage = read(event.payload());
            String leaseKey = LeaseKey.of(usage.get("marketplaceId").asText(), usage.get("leaseId").asText());
            BigInteger units = usage.get("providerUnits").bigIntegerValue();
            providerUnitsByLease.merge(leaseKey, units, BigInteger::add);
        }
    }

    List<byte[]> eventHashes() {
        return eventHashes;
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
