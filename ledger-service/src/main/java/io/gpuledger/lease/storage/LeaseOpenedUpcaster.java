package io.gpuledger.lease.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads a {@link LeaseOpenedEvent} of revision 1 (before leases could name signers) or 2 (before
 * they could carry an SLA) as the current revision: the same fields, the later ones absent, which
 * the current revision reads as a lease without signers or without an SLA. The payload is
 * unchanged; the upcaster states that the earlier revisions are understood.
 */
@Component
public class LeaseOpenedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = LeaseOpenedEvent.class.getName();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");
    private static final SimpleSerializedType CURRENT = new SimpleSerializedType(TYPE, LeaseOpenedEvent.REVISION);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType()) || REVISION_2.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(CURRENT, JsonNode.class, payload -> payload);
    }
}
