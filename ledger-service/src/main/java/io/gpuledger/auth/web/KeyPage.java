package io.gpuledger.auth.web;

import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.RejectionCode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** A page of the key list: {@code limit} (1 to 1,000; 100 when absent) and the opaque {@code cursor}. */
record KeyPage(int limit, long afterSeq) {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    static KeyPage of(String limit, String cursor) {
        return new KeyPage(limit(limit), after(cursor));
    }

    static String cursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(seq).getBytes(StandardCharsets.UTF_8));
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

    private static long after(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "must be the nextCursor of an earlier page");
        }
    }

    private static InvalidRequest invalid(String field, String message) {
        return new InvalidRequest(RejectionCode.VALIDATION_FAILED, List.of(new FieldProblem(field, message)));
    }
}
