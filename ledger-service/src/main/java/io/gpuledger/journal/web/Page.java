package io.gpuledger.journal.web;

import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A page request of a list route: {@code limit} (1 to 1,000; 100 when absent) and {@code cursor},
 * the opaque {@code nextCursor} of the page before (base64url of where that page ended).
 */
record Page(int limit, String after) {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    static Page of(String limit, String cursor) {
        return new Page(limit(limit), after(cursor));
    }

    static String cursor(String after) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(after.getBytes(StandardCharsets.UTF_8));
    }

    private static int limit(String text) {
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as any other limit out of range
        }
        throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String after(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "must be the nextCursor of an earlier page");
        }
    }

    static InvalidRequest invalid(String field, String message) {
        return new InvalidRequest(RejectionCode.VALIDATION_FAILED, List.of(new FieldProblem(field, message)));
    }
}
