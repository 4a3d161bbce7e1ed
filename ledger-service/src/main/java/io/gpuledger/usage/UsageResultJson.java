package io.gpuledger.usage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.lease.api.CloseReason;
import io.gpuledger.lease.api.UsageOutcome;
import io.gpuledger.platform.UtcTimestamps;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/**
 * One report's result as the API shows it: its fields in this order, those without a value left out.
 * A report whose charges were held (its prepaid tenant was overdrawn) has {@code held: true}; the one
 * that overdrew has {@code leaseClosed: {reason: "INSUFFICIENT_FUNDS", closedAt}} too.
 */
@JsonSerialize(using = UsageResultJson.Writer.class)
record UsageResultJson(String leaseId, String reportId, String status, String chargedUnits, String feeUnits,
                       String providerUnits, String code, String message, List<FieldProblem> errors, boolean held,
                       String leaseClosedAt) {

    static UsageResultJson of(String leaseId, UsageOutcome outcome) {
        if (outcome.status() == UsageOutcome.Status.REJECTED) {
            return rejected(leaseId, outcome.reportId(), outcome.rejection().code().name(),
                    outcome.rejection().getMessage(), outcome.rejection().field() == null ? null
                            : List.of(new FieldProblem(outcome.rejection().field(), outcome.rejection().getMessage())));
        }
        return new UsageResultJson(leaseId, outcome.reportId(), outcome.status().name(),
                digits(outcome.charges().chargedUnits()), digits(outcome.charges().feeUnits()),
                digits(outcome.charges().providerUnits()), null, null, null, outcome.held(),
                outcome.leaseClosedAt() == null ? null : UtcTimestamps.format(outcome.leaseClosedAt()));
    }

    /** The same digits as BigInteger.toString, through Long.toString's cheaper path when they fit. */
    private static String digits(BigInteger units) {
        return units.bitLength() < Long.SIZE ? Long.toString(units.longValue()) : units.toString();
    }

    static UsageResultJson rejected(String leaseId, String reportId, String code, String message,
                                    List<FieldProblem> errors) {
        return new UsageResultJson(leaseId, reportId, "REJECTED", null, null, null, code, message, errors, false, null);
    }

    /**
     * Writes the fields by name, as the reflective mapping of a record with non-null inclusion would:
     * a batch's response holds a result per report, and the reflective mapping cost more than the
     * rest of answering.
     */
    static final class Writer extends StdSerializer<UsageResultJson> {

        private static final SerializedString LEASE_ID = new SerializedString("leaseId");
        private static final SerializedString REPORT_ID = new SerializedString("reportId");
        private static final SerializedString STATUS = new SerializedString("status");
        private static final SerializedString CHARGED = new SerializedString("chargedUnits");
        private static final SerializedString FEE = new SerializedString("feeUnits");
        private static final SerializedString PROVIDER = new SerializedString("providerUnits");
        private static final SerializedString CODE = new SerializedString("code");
        private static final SerializedString MESSAGE = new SerializedString("message");
        private static final SerializedString ERRORS = new SerializedString("errors");
        private static final SerializedString HELD = new SerializedString("held");
        private static final SerializedString LEASE_CLOSED = new SerializedString("leaseClosed");
        private static final SerializedString REASON = new SerializedString("reason");
        private static final SerializedString CLOSED_AT = new SerializedString("closedAt");

        Writer() {
            super(UsageResultJson.class);
        }

        @Override
        public void serialize(UsageResultJson result, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeStartObject();
            writeIfPresent(out, LEASE_ID, result.leaseId());
            writeIfPresent(out, REPORT_ID, result.reportId());
            writeIfPresent(out, STATUS, result.status());
            writeIfPresent(out, CHARGED, result.chargedUnits());
            writeIfPresent(out, FEE, result.feeUnits());
            writeIfPresent(out, PROVIDER, result.providerUnits());
            writeIfPresent(out, CODE, result.code());
            writeIfPresent(out, MESSAGE, result.message());
            if (result.errors() != null) {
                provider.defaultSerializeField(ERRORS.getValue(), result.errors(), out);
            }
            if (result.held()) {
                out.writeFieldName(HELD);
                out.writeBoolean(true);
            }
            if (result.leaseClosedAt() != null) {
                out.writeFieldName(LEASE_CLOSED);
                out.writeStartObject();
                writeIfPresent(out, REASON, CloseReason.INSUFFICIENT_FUNDS.name());
                writeIfPresent(out, CLOSED_AT, result.leaseClosedAt());
                out.writeEndObject();
            }
            out.writeEndObject();
        }

        private static void writeIfPresent(JsonGenerator out, SerializedString field, String value) throws IOException {
            if (value != null) {
                out.writeFieldName(field);
                out.writeString(value);
            }
        }
    }
}
