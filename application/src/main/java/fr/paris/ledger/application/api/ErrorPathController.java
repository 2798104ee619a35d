package fr.paris.ledger.application.api;

import fr.paris.ledger.infra.web.Problems;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error path ({@code /error}) in place of Spring Boot's own JSON: a problem like
 * every other answer. Asked for directly, {@code /error} is a path like any unknown one: 404
 * {@code request.not-found}. Reached by an error dispatch (a failure the controllers' advice did
 * not see), the status is kept and the code follows it.
 */
@RestController
public class ErrorPathController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object dispatched = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = dispatched instanceof Integer code && HttpStatus.resolve(code) != null
                && HttpStatus.resolve(code).isError() ? HttpStatus.resolve(code) : HttpStatus.NOT_FOUND;
        ProblemDetail problem = switch (status) {
            case NOT_FOUND -> Problems.of(status, "request.not-found", "Not found", "No such resource.");
            case UNAUTHORIZED -> Problems.of(status, "auth.unauthenticated", "Authentication required",
                    "A valid bearer token is required for this request.");
            case FORBIDDEN -> Problems.of(status, "auth.forbidden", "Forbidden", "Your roles do not allow this request.");
            case METHOD_NOT_ALLOWED -> Problems.of(status, "request.method-not-allowed", "Method not allowed",
                    "This resource does not accept this method.");
            default -> status.is5xxServerError()
                    ? Problems.of(status, "server.error", "Internal error", "The ledger could not complete this request.")
                    : Problems.of(status, "request.invalid", "Invalid request", "The request could not be read.");
        };
        return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(problem);
    }
}
