package io.gpuledger.platform;

import io.gpuledger.common.FieldProblem;
import io.gpuledger.common.LedgerRejection;
import io.gpuledger.common.RejectionCode;
import java.util.List;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into problem+json. Unexpected failures are logged by type and stack trace,
 * without their messages: a message can quote request data (PostgreSQL quotes a failing row).
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(LedgerRejection.class)
    ResponseEntity<ProblemDetail> rejected(LedgerRejection rejection) {
        return Problems.response(Problems.of(rejection));
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> leaseExists(AggregateStreamCreationException e) {
        return problem(RejectionCode.LEASE_EXISTS, "a lease with this leaseId already exists in the marketplace", "leaseId");
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> leaseNotFound(AggregateNotFoundException e) {
        return problem(RejectionCode.LEASE_NOT_FOUND, "no such lease in the caller's marketplace", null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RequestSizeLimitFilter.BodyTooLarge) {
                return problem(RejectionCode.PAYLOAD_TOO_LARGE, "the body is over the size limit", "body");
            }
        }
        return problem(RejectionCode.MALFORMED_JSON, "the body could not be read", "body");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException e) {
        return problem(RejectionCode.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json", "Content-Type");
    }

    /** A multipart/* body is parsed before any route sees it; none of the ledger's routes takes one. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ProblemDetail> multipart(MultipartException e) {
        return problem(RejectionCode.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json", "Content-Type");
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(RejectionCode.NOT_ACCEPTABLE, "this route answers application/json (and text/csv for statements)", "Accept");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        return problem(RejectionCode.METHOD_NOT_ALLOWED, e.getMethod() + " is not allowed here", null);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        RejectionCode code = "Idempotency-Key".equalsIgnoreCase(e.getHeaderName())
                ? RejectionCode.IDEMPOTENCY_KEY_MISSING : RejectionCode.VALIDATION_FAILED;
        return problem(code, "header " + e.getHeaderName() + " is required", e.getHeaderName());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> badParameter(MethodArgumentTypeMismatchException e) {
        return problem(RejectionCode.VALIDATION_FAILED, "parameter " + e.getName() + " is invalid", e.getName());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noRoute(NoResourceFoundException e) {
        return problem(RejectionCode.NOT_FOUND, "no such route", null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Request failed unexpectedly: {}", e.getClass().getName(), Withheld.of(e, 0));
        return problem(RejectionCode.INTERNAL_ERROR, "the ledger failed; nothing was changed", null);
    }

    /** A failure as logged: each throwable of the chain by its type and stack trace, its message withheld. */
    static final class Withheld extends RuntimeException {

        private Withheld(Throwable original, Throwable cause) {
            super(original.getClass().getName() + " (message withheld)", cause, false, true);
            setStackTrace(original.getStackTrace());
        }

        static Withheld of(Throwable original, int depth) {
            Throwable cause = original.getCause();
            return new Withheld(original, cause == null || cause == original || depth > 20 ? null : of(cause, depth + 1));
        }
    }

    private static ResponseEntity<ProblemDetail> problem(RejectionCode code, String detail, String field) {
        List<FieldProblem> errors = field == null ? List.of() : List.of(new FieldProblem(field, detail));
        return Problems.response(Problems.of(code, detail, errors));
    }
}
