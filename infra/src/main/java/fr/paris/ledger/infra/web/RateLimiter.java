package fr.paris.ledger.infra.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A Bucket4j token bucket per key ({@code requests} at once, refilled greedily over
 * {@code period}), the buckets in a Caffeine cache bounded to {@code maxKeys} entries, each
 * forgotten once idle for a whole period (it would be full again by then): memory stays bounded
 * however many addresses or participants come (ADR 011).
 */
public final class RateLimiter {
    private final long requests;
    private final Duration period;
    private final Cache<String, Bucket> buckets;

    public RateLimiter(long requests, Duration period, long maxKeys) {
        if (requests < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a rate limit needs at least one request per positive period");
        }
        this.requests = requests;
        this.period = period;
        this.buckets = Caffeine.newBuilder().maximumSize(maxKeys).expireAfterAccess(period).build();
    }

    /** Takes one token of {@code key}'s bucket: 0 when there was one, else the whole seconds (at least 1) until there is. */
    public long tryAcquire(String key) {
        ConsumptionProbe probe = buckets.get(key, k -> bucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    /** How many keys are tracked now (for tests and metrics). */
    public long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket() {
        return Bucket.builder().addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period)).build();
    }

    /** The 429 {@code request.rate-limited} problem, with {@code retryAfterSeconds}; the caller sets {@code Retry-After}. */
    public static ProblemDetail problem(String detail, long seconds) {
        ProblemDetail problem = Problems.of(HttpStatus.TOO_MANY_REQUESTS, "request.rate-limited", "Too many requests", detail);
        problem.setProperty("retryAfterSeconds", seconds);
        return problem;
    }

    /** Thrown where a limit is checked behind the filters (a controller): answered as {@link #problem} with Retry-After. */
    public static final class Exceeded extends RuntimeException {
        private final long seconds;

        public Exceeded(String detail, long seconds) {
            super(detail, null, false, false);
            this.seconds = seconds;
        }

        public long seconds() {
            return seconds;
        }

        public ProblemDetail problem() {
            return RateLimiter.problem(getMessage(), seconds);
        }
    }
}
