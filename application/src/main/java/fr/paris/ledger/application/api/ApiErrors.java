package fr.paris.ledger.application.api;

import fr.paris.ledger.infra.web.DatabaseUnavailable;
import fr.paris.ledger.infra.web.PayloadTooLargeException;
import fr.paris.ledger.infra.web.Problems;
import fr.paris.ledger.shared.RuleViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every failure into an RFC 9457 problem with a stable {@code code}. No stack trace, class
 * name or SQL reaches a client: an unexpected failure is a 500 carrying a correlation id that the
 * log line of the failure carries too.
 */
@RestControllerAdvice
public class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final long maxBodyBytes;

    public ApiErrors(@org.springframework.beans.factory.annotation.Value("${ledger.http.max-body-bytes:65536}") long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** A field-level validation error, as listed in a 400 problem's {@code errors}. */
    public record FieldProblem(String field, String message) {
    }

    /** Thrown by controllers for a request whose fields break the contract. */
    public static class InvalidRequest extends RuntimeException {
        private final List<FieldProblem> errors;

        public InvalidRequest(String field, String message) {
            this(List.of(new FieldProblem(field, message)));
        }

        public InvalidRequest(List<FieldProblem> errors) {
            super("invalid request", null, false, false);
            this.errors = errors;
        }
    }

    /** Thrown when an expensive public read has no capacity left: 503 {@code server.busy} with Retry-After. */
    public static class Busy extends RuntimeException {
        public Busy(String message) {
            super(message, null, false, false);
        }
    }

    @ExceptionHandler(Busy.class)
    ResponseEntity<ProblemDetail> busy(Busy e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(Problems.PROBLEM_JSON).header("Retry-After", "1")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "server.busy", "Busy", e.getMessage()));
    }

    @ExceptionHandler(fr.paris.ledger.infra.idempotency.IdempotencyFilter.KeyUsedWithOtherRoles.class)
    ResponseEntity<ProblemDetail> keyUsedWithOtherRoles(RuntimeException e) {
        return problem(fr.paris.ledger.infra.idempotency.IdempotencyFilter.keyReused(e.getMessage()));
    }

    @ExceptionHandler(fr.paris.ledger.infra.web.RateLimiter.Exceeded.class)
    ResponseEntity<ProblemDetail> rateLimited(fr.paris.ledger.infra.web.RateLimiter.Exceeded e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(Problems.PROBLEM_JSON)
                .header("Retry-After", Long.toString(e.seconds())).body(e.problem());
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> refused(RuleViolation e) {
        HttpStatus status = switch (e.kind()) {
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case REFUSED -> HttpStatus.UNPROCESSABLE_ENTITY;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
        };
        // one line, no stack trace, no identity: the code of the rule, not its message (which may name an id)
        log.info("Refused {}: {} {}", e.code(), status.value(), RequestPattern.current());
        return problem(Problems.of(status, e.code(), title(status), e.getMessage()));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> remoteCommand(CommandExecutionException e) {
        // with Axon Server a handler's exception arrives wrapped; its details carry the rule when there is one
        Object details = e.getDetails().orElse(null);
        if (details instanceof RuleViolation rule) {
            return refused(rule);
        }
        if (e.getCause() instanceof RuleViolation rule) {
            return refused(rule);
        }
        return unexpected(e);
    }

    @ExceptionHandler(InvalidRequest.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequest e) {
        return invalid(e.errors);
    }

    /**
     * Bean Validation's refusals of a request body, in a stable order: a record's fields in their
     * declared order (Hibernate Validator reports them in no set order), one problem per field and
     * message.
     */
    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalid(MethodArgumentNotValidException e) {
        Object target = e.getBindingResult().getTarget();
        List<String> order = target != null && target.getClass().isRecord()
                ? java.util.Arrays.stream(target.getClass().getRecordComponents()).map(java.lang.reflect.RecordComponent::getName).toList()
                : List.of();
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map((FieldError f) -> new FieldProblem(f.getField(), f.getDefaultMessage()))
                .distinct()
                .sorted(java.util.Comparator.comparingInt((FieldProblem f) -> order.indexOf(f.field()) < 0
                        ? Integer.MAX_VALUE : order.indexOf(f.field())).thenComparing(FieldProblem::message))
                .toList();
        return invalid(errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> invalid(ConstraintViolationException e) {
        return invalid(e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage())).toList());
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<ProblemDetail> badParameter(Exception e) {
        String name = e instanceof MissingServletRequestParameterException m ? m.getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return invalid(List.of(new FieldProblem(name, "missing or malformed parameter")));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        if (PayloadTooLargeException.isCauseOf(e)) {
            return problem(fr.paris.ledger.infra.web.BodySizeLimitFilter.tooLarge(maxBodyBytes));
        }
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "request.invalid", "Invalid request",
                "The request body is not valid JSON of the expected shape.");
        p.setProperty("errors", List.of(new FieldProblem(field(e), "malformed JSON, wrong field type or refused characters")));
        return problem(p);
    }

    /** The JSON path of the field Jackson could not read ({@code quotas.F}, {@code parisWide[2]}), else {@code body}. */
    private static String field(HttpMessageNotReadableException e) {
        if (!(e.getCause() instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "body";
        }
        StringBuilder path = new StringBuilder();
        for (var ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedType(HttpMediaTypeNotSupportedException e) {
        return problem(Problems.of(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "request.unsupported-media-type",
                "Unsupported media type", "Send the request body as application/json."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return problem(Problems.of(HttpStatus.NOT_ACCEPTABLE, "request.not-acceptable", "Not acceptable",
                "This resource is available as application/json."));
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> method(HttpRequestMethodNotSupportedException e) {
        ProblemDetail p = Problems.of(HttpStatus.METHOD_NOT_ALLOWED, "request.method-not-allowed", "Method not allowed",
                "This resource does not accept " + e.getMethod() + ".");
        var allowed = e.getSupportedHttpMethods();
        return ResponseEntity.status(p.getStatus()).contentType(Problems.PROBLEM_JSON)
                .allow(allowed == null ? new org.springframework.http.HttpMethod[0]
                        : allowed.toArray(org.springframework.http.HttpMethod[]::new))
                .body(p);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noSuchPath(NoResourceFoundException e) {
        return problem(Problems.of(HttpStatus.NOT_FOUND, "request.not-found", "Not found", "No such resource."));
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ResponseEntity<ProblemDetail> forbidden(RuntimeException e) {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || auth instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
            return problem(Problems.of(HttpStatus.UNAUTHORIZED, "auth.unauthenticated", "Authentication required",
                    "A valid bearer token is required for this request."));
        }
        return problem(Problems.of(HttpStatus.FORBIDDEN, "auth.forbidden", "Forbidden",
                "Your roles do not allow this request."));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (DatabaseUnavailable.isCause(e)) {
            return unavailable(e);
        }
        String correlationId = UUID.randomUUID().toString();
        MDC.put("correlationId", correlationId);
        try {
            log.error("Unexpected failure, correlation id {}", correlationId, e);
        } finally {
            MDC.remove("correlationId");
        }
        ProblemDetail p = Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "server.error", "Internal error",
                "The ledger could not complete this request. Quote correlation id " + correlationId + " to the operators.");
        p.setProperty("correlationId", correlationId);
        return problem(p);
    }

    /** The database is unreachable or timed out: 503 with Retry-After, logged without a stack trace. */
    private static ResponseEntity<ProblemDetail> unavailable(Exception e) {
        // the path template, not the path: a path may hold a card number
        DatabaseUnavailable.logAnswered(log, RequestPattern.current(), e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(Problems.PROBLEM_JSON)
                .header("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .body(DatabaseUnavailable.problem());
    }

    private ResponseEntity<ProblemDetail> invalid(List<FieldProblem> errors) {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "request.invalid", "Invalid request",
                "Some fields are missing or invalid.");
        p.setProperty("errors", errors);
        return problem(p);
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus()).contentType(Problems.PROBLEM_JSON).body(p);
    }

    private static String title(HttpStatus status) {
        return Map.of(HttpStatus.NOT_FOUND, "Not found", HttpStatus.CONFLICT, "Conflict",
                HttpStatus.UNPROCESSABLE_ENTITY, "Refused by a rule", HttpStatus.FORBIDDEN, "Forbidden").getOrDefault(status, status.getReasonPhrase());
    }
}
