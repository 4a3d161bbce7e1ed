package io.gpuledger.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import io.gpuledger.eventstore.EventHashes;
import io.gpuledger.eventstore.EventStoreReader;
import io.gpuledger.eventstore.StoredEvent;
import io.gpuledger.platform.Csv;
import org.springframework.stereotype.Component;
import org.web3j.utils.Numeric;

/**
 * Streams lease histories out of the event store as JSON Lines or CSV, one event per line, in
 * constant memory: rows come through a database cursor and go straight to the response.
 */
@Component
public class HistoryExport {

    private static final String CSV_HEADER =
            "globalIndex,eventId,aggregateId,sequenceNumber,type,recordedAt,hash,payload\r\n";

    public enum Format { JSONL, CSV }

    /** Which events: all given filters must hold; null filters are open. */
    public record Filter(String marketplaceId, String leaseId, String providerId, String tenantId, Instant from,
                         Instant to) {
    }

    private final EventStoreReader events;
    private final ObjectMapper json;

    public HistoryExport(EventStoreReader events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    public void write(Filter filter, Format format, OutputStream out) throws IOException {
        List<Object> args = new ArrayList<>();
        StringBuilder leases = new StringBuilder("SELECT l.marketplace_id || '/' || l.lease_id FROM lease_view l WHERE true");
        where(leases, args, " AND l.marketplace_id = ?", filter.marketplaceId());
        where(leases, args, " AND l.lease_id = ?", filter.leaseId());
        where(leases, args, " AND l.provider_id = ?", filter.providerId());
        where(leases, args, " AND l.tenant_id = ?", filter.tenantId());
        if (format == Format.CSV) {
            out.write(CSV_HEADER.getBytes(StandardCharsets.UTF_8));
        }
        try {
            events.forEachOfAggregatesIn(leases.toString(), args, filter.from(), filter.to(), event -> {
                try {
                    out.write(format == Format.CSV ? csvLine(event) : jsonLine(event));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void where(StringBuilder sql, List<Object> args, String condition, Object value) {
        if (value != null) {
            sql.append(condition);
            args.add(value);
        }
    }

    private byte[] jsonLine(StoredEvent event) throws IOException {
        var buffer = new java.io.ByteArrayOutputStream(event.payload().length + 256);
        try (JsonGenerator line = json.getFactory().createGenerator(buffer)) {
            line.writeStartObject();
            line.writeNumberField("globalIndex", event.globalIndex());
            line.writeStringField("eventId", event.eventId());
            line.writeStringField("aggregateId", event.aggregateId());
            line.writeNumberField("sequenceNumber", event.sequenceNumber());
            line.writeStringField("type", event.payloadType());
            line.writeStringField("recordedAt", event.recordedAt());
            line.writeStringField("hash", Numeric.toHexString(EventHashes.hash(event)));
            line.writeFieldName("payload");
            line.writeRawValue(new String(event.payload(), StandardCharsets.UTF_8));
            line.writeEndObject();
        }
        buffer.write('\n');
        return buffer.toByteArray();
    }

    private static byte[] csvLine(StoredEvent event) {
        String line = event.globalIndex() + "," + Csv.cell(event.eventId()) + "," + Csv.cell(event.aggregateId())
                + "," + event.sequenceNumber() + "," + Csv.cell(event.payloadType()) + ","
                + Csv.cell(event.recordedAt()) + "," + Numeric.toHexString(EventHashes.hash(event)) + ","
                + Csv.cell(new String(event.payload(), StandardCharsets.UTF_8)) + "\r\n";
        return line.getBytes(StandardCharsets.UTF_8);
    }


}
