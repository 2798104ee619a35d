package fr.paris.ledger.infra.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A rate limit on the API's writes (POST, PUT, PATCH, DELETE under {@code /api/}): a Bucket4j
 * token bucket per key ({@code requests} at once, refilled over {@code period}). Over the limit:
 * 429 {@code request.rate-limited} with {@code Retry-After}, and the request goes no further, so
 * it writes nothing. The buckets live in a Caffeine cache bounded to {@code maxKeys} entries,
 * each forgotten once idle for a whole period (it would be full again by then): memory stays
 * bounded however many addresses or participants come (ADR 011).
 */
public class RateLimitFilter extends OncePerRequestFilter {
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final String name;
    private final Function<HttpServletRequest, String> key;
    private final long requests;
    private final Duration period;
    private final Cache<String, Bucket> buckets;
    private final ObjectMapper json;

    /**
     * @param name what is limited, for the problem's detail ("participant", "address")
     * @param key  the key of a request, or null to let it through (no participant yet)
     */
    public RateLimitFilter(String name, Function<HttpServletRequest, String> key, long requests, Duration period,
                           long maxKeys, ObjectMapper json) {
        if (requests < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs at least one request per positive period");
        }
        this.name = name;
        this.key = key;
        this.requests = requests;
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
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
        if (k == null) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe = buckets.get(k, this::bucket).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        response.setHeader("Retry-After", Long.toString(seconds));
        var problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "request.rate-limited", "Too many requests",
                "Too many writes from this " + name + "; retry after " + seconds + " s.");
        problem.setProperty("retryAfterSeconds", seconds);
        Problems.write(response, problem, json);
    }

    private Bucket bucket(String ignored) {
        return Bucket.builder().addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period)).build();
    }

    /** How many keys are tracked now (for tests and metrics). */
    public long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }
}
