package io.gpuledger.lease.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gpuledger.lease.api.UsageRecordedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Reads a revision-1 {@link UsageRecordedEvent} (one report's fields beside the lease's ids, as
 * ledgers wrote before 2026-11-30) as a list of that one report, and it and revision 2 (reports
 * without signatures) as revision 3, whose reports may carry signatures. Only handlers see the
 * upcast form: the stored bytes, which the audit chain hashes, stay as written.
 */
@Component
public class UsageRecordedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = UsageRecordedEvent.STORED_TYPE;
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");
    private static final SimpleSerializedType CURRENT = new SimpleSerializedType(TYPE, UsageRecordedEvent.REVISION);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return REVISION_1.equals(event.getType()) || REVISION_2.equals(event.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(CURRENT, JsonNode.class, UsageRecordedUpcaster::asRevision2);
    }

    /** A revision-1 payload as revision 2; a revision-2 payload unchanged. */
    public static JsonNode asRevision2(JsonNode payload) {
        if (payload.has("reports")) {
            return payload;
        }
        ObjectNode report = ((ObjectNode) payload).deepCopy();
        ObjectNode current = JsonNodeFactory.instance.objectNode();
        current.set("marketplaceId", report.remove("marketplaceId"));
        current.set("leaseId", report.remove("leaseId"));
        current.putArray("reports").add(report);
        return current;
    }
}
