package fr.paris.ledger.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The outermost filter: a database failure that escapes a filter (the idempotency store, above
 * all) or the dispatcher becomes {@code 503 unavailable} problem+json with {@code Retry-After},
 * instead of the servlet container's 500. Failures inside Spring MVC are mapped by the API's
 * exception handler the same way; this catches the rest.
 */
public class DatabaseUnavailableFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableFilter.class);

    private final ObjectMapper json;

    public DatabaseUnavailableFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!DatabaseUnavailable.isCause(e) || response.isCommitted()) {
                throw e;
            }
            // the method only: a path may hold a card number, and no log line names a person
            DatabaseUnavailable.logAnswered(log, "a " + request.getMethod() + " request", e);
            response.reset();
            response.setHeader("Retry-After", Integer.toString(DatabaseUnavailable.RETRY_AFTER_SECONDS));
            Problems.write(response, DatabaseUnavailable.problem(), json);
        }
    }
}
