package io.gpuledger.lease.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gpuledger.lease.api.Sla;

/** A lease's SLA as lease_view keeps it: JSON in the open event's stored shape (V160), null for none. */
final class SlaTerms {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SlaTerms() {
    }

    static String json(Sla sla) {
        try {
            return sla == null ? null : JSON.writeValueAsString(sla);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Sla read(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Sla.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("lease_view.sla holds no SLA: " + json, e);
        }
    }
}
