package io.gpuledger.billing;

import io.gpuledger.common.Charges;
import io.gpuledger.platform.Csv;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Renders statements as CSV (RFC 4180): one line per lease, then a TOTAL line. */
@Component
class StatementFormats {

    private static final String HEADER = "marketplaceId,leaseId,providerId,tenantId,gpuModel,gpuSecondsRecorded,"
            + "chargedUnits,feeUnits,providerUnits\r\n";

    private final int tokenDecimals;

    StatementFormats(@Value("${ledger.token.decimals}") int tokenDecimals) {
        this.tokenDecimals = tokenDecimals;
    }

    int tokenDecimals() {
        return tokenDecimals;
    }

    /** JSON Lines: one statement line per lease, in the fields of the JSON statement's leases. */
    String jsonLines(Statement statement) {
        StringBuilder lines = new StringBuilder();
        for (StatementJson.Line line : StatementJson.of(statement, tokenDecimals).leases()) {
            try {
                lines.append(LINE_WRITER.writeValueAsString(line)).append('\n');
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return lines.toString();
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper LINE_WRITER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    String csv(Statement statement) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (StatementLine line : statement.lines()) {
            row(csv, line.marketplaceId(), line.leaseId(), line.providerId(), line.tenantId(), line.gpuModel(),
                    line.gpuSecondsRecorded(), line.charges());
        }
        row(csv, "TOTAL", "", "", "", "", statement.gpuSecondsRecorded(), statement.totals());
        return csv.toString();
    }

    private static void row(StringBuilder csv, String marketplaceId, String leaseId, String providerId,
                            String tenantId, String gpuModel, long gpuSeconds, Charges charges) {
        csv.append(Csv.cell(marketplaceId)).append(',').append(Csv.cell(leaseId)).append(',').append(Csv.cell(providerId))
                .append(',').append(Csv.cell(tenantId)).append(',').append(Csv.cell(gpuModel)).append(',')
                .append(gpuSeconds).append(',').append(charges.chargedUnits()).append(',')
                .append(charges.feeUnits()).append(',').append(charges.providerUnits()).append("\r\n");
    }
}
