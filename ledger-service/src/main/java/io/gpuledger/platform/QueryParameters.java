package io.gpuledger.platform;

import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Query-string values shared by the read routes (statements, exports). */
public final class QueryParameters {

    private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private QueryParameters() {
    }

    /** An optional ISO-8601 UTC moment; null when absent. */
    public static Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            Instant instant = Instant.parse(text);
            // Instant takes years up to a billion; PostgreSQL and java.sql.Timestamp do not.
            if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
                throw new DateTimeParseException("out of range", text, 0);
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(RejectionCode.VALIDATION_FAILED, List.of(new FieldProblem(field,
                    "must be an ISO-8601 UTC timestamp from year 0000 to 9999, such as 2026-11-01T00:00:00Z")));
        }
    }
}
