package io.gpuledger.lease.storage;

import com.fasterxml.jackson.databind.JsonNode;
import io.gpuledger.lease.api.LeaseOpenedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads a revision-1 {@link LeaseOpenedEvent} (before leases could name signers) as revision 2: the
 * same fields, the signers and dispute window absent, which revision 2 reads as a lease without
 * signers. The payload is unchanged; the upcaster states that revision 1 is understood.
 */
@Component
public class LeaseOpenedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = LeaseOpenedEvent.class.getName();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, LeaseOpenedEvent.REVISION);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> payload);
    }
}
