package io.gpuledger.platform;

import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.InvalidRequest;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Builds RFC 9457 problem documents with the ledger's stable codes (docs/ERRORS.md). */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    public static ProblemDetail of(LedgerRejection rejection) {
        List<FieldProblem> errors = rejection instanceof InvalidRequest invalid
                ? invalid.problems()
                : rejection.field() == null ? List.of() : List.of(new FieldProblem(rejection.field(), rejection.getMessage()));
        return of(rejection.code(), rejection.getMessage(), errors);
    }

    public static ProblemDetail of(RejectionCode code, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatus(code.status());
        problem.setType(URI.create("urn:gpu-ledger:problem:" + code.name()));
        problem.setTitle(code.title());
        problem.setDetail(detail);
        problem.setProperty("code", code.name());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM_JSON).body(problem);
    }
}
