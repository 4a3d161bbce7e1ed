package io.gpuledger.usage;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.gpuledger.common.FieldProblem;
import io.gpuledger.lease.api.UsageOutcome;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;

/** One report's result as the API shows it: its fields in this order, those without a value left out. */
@JsonSerialize(using = UsageResultJson.Writer.class)
record UsageResultJson(String leaseId, String reportId, String status, String chargedUnits, String feeUnits,
                       String providerUnits, String code, String message, List<FieldProblem> errors) {

    static UsageResultJson of(String leaseId, UsageOutcome outcome) {
        if (outcome.status() == UsageOutcome.Status.REJECTED) {
            return rejected(leaseId, outcome.reportId(), outcome.rejection().code().name(),
                    outcome.rejection().getMessage(), outcome.rejection().field() == null ? null
                            : List.of(new FieldProblem(outcome.rejection().field(), outcome.rejection().getMessage())));
        }
        return new UsageResultJson(leaseId, outcome.reportId(), outcome.status().name(),
                digits(outcome.charges().chargedUnits()), digits(outcome.charges().feeUnits()),
                digits(outcome.charges().providerUnits()), null, null, null);
    }

    /** The same digits as BigInteger.toString, through Long.toString's cheaper path when they fit. */
    private static String digits(BigInteger units) {
        return units.bitLength() < Long.SIZE ? Long.toString(units.longValue()) : units.toString();
    }

    static UsageResultJson rejected(String leaseId, String reportId, String code, String message,
                                    List<FieldProblem> errors) {
        return new UsageResultJson(leaseId, reportId, "REJECTED", null, null, null, code, message, errors);
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
