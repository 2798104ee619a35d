package fr.paris.ledger.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A rate limit on the API's writes (POST, PUT, PATCH, DELETE under {@code /api/}): a
 * {@link RateLimiter} bucket per key. Over the limit: 429 {@code request.rate-limited} with
 * {@code Retry-After}, and the request goes no further, so it writes nothing (ADR 011).
 */
public class RateLimitFilter extends OncePerRequestFilter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final String name;
    private final Function<HttpServletRequest, String> key;
    private final RateLimiter limiter;
    private final ObjectMapper json;

    /**
     * @param name what is limited, for the problem's detail ("participant", "address")
     * @param key  the key of a request, or null to let it through (no participant yet)
     */
    public RateLimitFilter(String name, Function<HttpServletRequest, String> key, long requests, Duration period,
                           long maxKeys, ObjectMapper json) {
        this.name = name;
        this.key = key;
        this.limiter = new RateLimiter(requests, period, maxKeys);
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !WRITES.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String k = key.apply(request);
        long seconds = k == null ? 0 : limiter.tryAcquire(k);
        if (seconds == 0) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", Long.toString(seconds));
        Problems.write(response, RateLimiter.problem("Too many writes from this " + name + "; retry after " + seconds + " s.",
                seconds), json);
    }

    /** How many keys are tracked now (for tests and metrics). */
    public long trackedKeys() {
        return limiter.trackedKeys();
    }
}
