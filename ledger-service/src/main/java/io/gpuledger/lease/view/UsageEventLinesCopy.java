package io.gpuledger.lease.view;

import io.gpuledger.platform.UtcTimestamps;
import io.gpuledger.lease.api.RecordedUsage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * usage_event_lines rows in PostgreSQL's COPY text format, sent in one COPY: a row per usage event,
 * its reports' period starts, GPU-seconds and usage values as array literals. Every value written is
 * a number or an ISO-8601 instant, so nothing needs quoting or escaping. No row is ever written twice:
 * the billing token commits with the rows (see LeaseProjection), so a conflict on the primary key
 * fails the batch rather than being skipped.
 */
final class UsageEventLinesCopy {

    private static final String COPY = """
            COPY usage_event_lines (lease_ref, sequence_number, period_starts, gpu_seconds, usage_values)
            FROM STDIN""";

    private final StringBuilder rows = new StringBuilder(8192);
    private int count;

    void add(long leaseRef, long sequenceNumber, List<RecordedUsage> reports, List<BigInteger> usageValues) {
        rows.append(leaseRef).append('\t').append(sequenceNumber).append("\t{");
        for (int i = 0; i < reports.size(); i++) {
            separate(i).append(UtcTimestamps.format(reports.get(i).periodStart()));
        }
        rows.append("}\t{");
        for (int i = 0; i < reports.size(); i++) {
            separate(i).append(reports.get(i).gpuSeconds());
        }
        rows.append("}\t{");
        for (int i = 0; i < usageValues.size(); i++) {
            BigInteger value = usageValues.get(i);
            if (value.bitLength() < Long.SIZE) {
                separate(i).append(value.longValue());
            } else {
                separate(i).append(value);
            }
        }
        rows.append("}\n");
        count++;
    }

    private StringBuilder separate(int element) {
        return element == 0 ? rows : rows.append(',');
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
}
