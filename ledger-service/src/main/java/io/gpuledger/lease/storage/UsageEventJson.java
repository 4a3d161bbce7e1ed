package io.gpuledger.lease.storage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.gpuledger.platform.UtcTimestamps;
import io.gpuledger.lease.api.RecordedUsage;
import io.gpuledger.lease.api.UsageRecordedEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored JSON of {@link UsageRecordedEvent}, written and read field by field. It is the one
 * event stored and read in volume, and Jackson's reflective record handling cost more than the
 * rest of writing it. The bytes are exactly those the reflective mapping writes (fields in
 * component order, instants in ISO-8601, signatures left out when absent), since event hashes are
 * taken over them.
 */
public final class UsageEventJson extends SimpleModule {

    public UsageEventJson() {
        super("usage-event-json");
        addSerializer(UsageRecordedEvent.class, new Writer());
        addDeserializer(UsageRecordedEvent.class, new Reader());
    }

    private static final class Writer extends StdSerializer<UsageRecordedEvent> {

        // Field names encoded once: Jackson copies their bytes instead of escaping them char by char.
        private static final SerializedString MARKETPLACE_ID = new SerializedString("marketplaceId");
        private static final SerializedString LEASE_ID = new SerializedString("leaseId");
        private static final SerializedString REPORTS = new SerializedString("reports");
        private static final SerializedString REPORT_ID = new SerializedString("reportId");
        private static final SerializedString PERIOD_START = new SerializedString("periodStart");
        private static final SerializedString PERIOD_END = new SerializedString("periodEnd");
        private static final SerializedString GPU_SECONDS = new SerializedString("gpuSeconds");
        private static final SerializedString PRICE = new SerializedString("priceUnitsPerGpuHour");
        private static final SerializedString CHARGED = new SerializedString("chargedUnits");
        private static final SerializedString FEE = new SerializedString("feeUnits");
        private static final SerializedString PROVIDER = new SerializedString("providerUnits");
        private static final SerializedString SIGNATURE = new SerializedString("signature");
        private static final SerializedString TENANT_SIGNATURE = new SerializedString("tenantSignature");
        private static final SerializedString ENERGY_WH = new SerializedString("energyWh");
        private static final SerializedString ENERGY_PRICE = new SerializedString("energyUnitsPerKwh");

        Writer() {
            super(UsageRecordedEvent.class);
        }

        @Override
        public void serialize(UsageRecordedEvent e, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            writeString(out, MARKETPLACE_ID, e.marketplaceId());
            writeString(out, LEASE_ID, e.leaseId());
            out.writeFieldName(REPORTS);
            if (e.reports() == null) {
                out.writeNull();
            } else {
                out.writeStartArray();
                for (RecordedUsage report : e.reports()) {
                    write(out, report);
                }
                out.writeEndArray();
            }
            out.writeEndObject();
        }

        private static void write(JsonGenerator out, RecordedUsage r) throws IOException {
            if (r == null) {
                out.writeNull();
                return;
            }
            out.writeStartObject();
            writeString(out, REPORT_ID, r.reportId());
            writeString(out, PERIOD_START, text(r.periodStart()));
            writeString(out, PERIOD_END, text(r.periodEnd()));
            out.writeFieldName(GPU_SECONDS);
            out.writeNumber(r.gpuSeconds());
            writeNumber(out, PRICE, r.priceUnitsPerGpuHour());
            writeNumber(out, CHARGED, r.chargedUnits());
            writeNumber(out, FEE, r.feeUnits());
            writeNumber(out, PROVIDER, r.providerUnits());
            if (r.signature() != null) {
                writeString(out, SIGNATURE, r.signature());
            }
            if (r.tenantSignature() != null) {
                writeString(out, TENANT_SIGNATURE, r.tenantSignature());
            }
            if (r.energyWh() != null) {
                out.writeFieldName(ENERGY_WH);
                out.writeNumber(r.energyWh().longValue());
            }
            if (r.energyUnitsPerKwh() != null) {
                writeNumber(out, ENERGY_PRICE, r.energyUnitsPerKwh());
            }
            out.writeEndObject();
        }

        private static String text(Instant instant) {
            return instant == null ? null : UtcTimestamps.format(instant);
        }

        /** The same digits either way; a long is written without BigInteger.toString's work and garbage. */
        private static void writeString(JsonGenerator out, SerializedString field, String value) throws IOException {
            out.writeFieldName(field);
            out.writeString(value);
        }

        private static void writeNumber(JsonGenerator out, SerializedString field, BigInteger value) throws IOException {
            out.writeFieldName(field);
            if (value != null && value.bitLength() < Long.SIZE) {
                out.writeNumber(value.longValue());
            } else {
                out.writeNumber(value);
            }
        }
    }

    private static final class Reader extends StdDeserializer<UsageRecordedEvent> {

        Reader() {
            super(UsageRecordedEvent.class);
        }

        @Override
        public UsageRecordedEvent deserialize(JsonParser in, DeserializationContext context) throws IOException {
            if (!in.isExpectedStartObjectToken()) {
                return (UsageRecordedEvent) context.handleUnexpectedToken(UsageRecordedEvent.class, in);
            }
            String marketplaceId = null;
            String leaseId = null;
            List<RecordedUsage> reports = null;
            for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
                JsonToken value = in.nextToken();
                switch (field) {
                    case "marketplaceId" -> marketplaceId = in.getValueAsString();
                    case "leaseId" -> leaseId = in.getValueAsString();
                    case "reports" -> reports = value == JsonToken.VALUE_NULL ? null : readReports(in, context);
                    default -> context.handleUnknownProperty(in, this, UsageRecordedEvent.class, field);
                }
            }
            return new UsageRecordedEvent(marketplaceId, leaseId, reports);
        }

        private List<RecordedUsage> readReports(JsonParser in, DeserializationContext context) throws IOException {
            if (!in.isExpectedStartArrayToken()) {
                context.handleUnexpectedToken(List.class, in);
            }
            List<RecordedUsage> reports = new ArrayList<>();
            for (JsonToken next = in.nextToken(); next != JsonToken.END_ARRAY; next = in.nextToken()) {
                reports.add(next == JsonToken.VALUE_NULL ? null : readReport(in, context));
            }
            return reports;
        }

        private RecordedUsage readReport(JsonParser in, DeserializationContext context) throws IOException {
            if (!in.isExpectedStartObjectToken()) {
                return (RecordedUsage) context.handleUnexpectedToken(RecordedUsage.class, in);
            }
            String reportId = null;
            Instant periodStart = null;
            Instant periodEnd = null;
            long gpuSeconds = 0;
            BigInteger price = null;
            BigInteger charged = null;
            BigInteger fee = null;
            BigInteger provider = null;
            String signature = null;
            String tenantSignature = null;
            Long energyWh = null;
            BigInteger energyPrice = null;
            for (String field = in.nextFieldName(); field != null; field = in.nextFieldName()) {
                JsonToken value = in.nextToken();
                boolean isNull = value == JsonToken.VALUE_NULL;
                switch (field) {
                    case "reportId" -> reportId = in.getValueAsString();
                    case "periodStart" -> periodStart = isNull ? null : UtcTimestamps.parseWritten(in.getText());
                    case "periodEnd" -> periodEnd = isNull ? null : UtcTimestamps.parseWritten(in.getText());
                    case "gpuSeconds" -> gpuSeconds = in.getLongValue();
                    case "priceUnitsPerGpuHour" -> price = isNull ? null : in.getBigIntegerValue();
                    case "chargedUnits" -> charged = isNull ? null : in.getBigIntegerValue();
                    case "feeUnits" -> fee = isNull ? null : in.getBigIntegerValue();
                    case "providerUnits" -> provider = isNull ? null : in.getBigIntegerValue();
                    case "signature" -> signature = in.getValueAsString();
                    case "tenantSignature" -> tenantSignature = in.getValueAsString();
                    case "energyWh" -> energyWh = isNull ? null : in.getLongValue();
                    case "energyUnitsPerKwh" -> energyPrice = isNull ? null : in.getBigIntegerValue();
                    default -> context.handleUnknownProperty(in, this, RecordedUsage.class, field);
                }
            }
            return new RecordedUsage(reportId, periodStart, periodEnd, gpuSeconds, price, charged, fee, provider,
                    signature, tenantSignature, energyWh, energyPrice);
        }
    }
}
