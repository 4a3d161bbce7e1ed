package io.gpuledger.billing;

import io.gpuledger.platform.UtcTimestamps;
import io.gpuledger.usage.api.RecordedUsage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * usage_line rows in PostgreSQL's COPY text format, sent in one COPY. Usage lines are the one table
 * written per report; COPY costs PostgreSQL a fraction of a multi-row INSERT per row, and the
 * timestamps and numbers are written here once instead of through the driver's parameter encoding.
 * No line is ever written twice: the billing token commits with the lines (see BillingProjection),
 * so a conflict on the primary key fails the batch rather than being skipped.
 */
final class UsageLineCopy {

    private static final String COPY = """
            COPY usage_line (marketplace_id, lease_id, report_id, period_start, period_end, gpu_seconds, usage_value)
            FROM STDIN""";

    private final StringBuilder rows = new StringBuilder(8192);
    private int count;

    void add(String marketplaceId, String leaseId, RecordedUsage report, BigInteger usageValue) {
        text(marketplaceId).append('\t');
        text(leaseId).append('\t');
        text(report.reportId()).append('\t');
        rows.append(UtcTimestamps.format(report.periodStart())).append('\t');
        rows.append(UtcTimestamps.format(report.periodEnd())).append('\t');
        rows.append(report.gpuSeconds()).append('\t');
        if (usageValue.bitLength() < Long.SIZE) {
            rows.append(usageValue.longValue());
        } else {
            rows.append(usageValue);
        }
        rows.append('\n');
        count++;
    }

    void copyInto(Connection connection) throws SQLException {
        if (count == 0) {
            return;
        }
        byte[] data = rows.toString().getBytes(StandardCharsets.UTF_8);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn(COPY, new ByteArrayInputStream(data), data.length);
        } catch (IOException e) {
            throw new SQLException("could not send usage lines to COPY", e);
        }
    }

    /** COPY's text format gives backslash, tab, newline and carriage return a meaning; escape them. */
    private StringBuilder text(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return rows;
    }
}
