package fr.paris.ledger.application.petition;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.paris.ledger.application.api.ApiErrors.Busy;
import fr.paris.ledger.infra.web.RateLimiter;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.SignatureRecount;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the public as-of signature count (a recount over every signature event of the petition,
 * anyone may ask) from being a lever against the service:
 * <ul>
 *   <li>a count as of a given moment is answered at second precision: the moment is rounded down to
 *   its second, and the answer's {@code asOf} says so. Moments a microsecond apart are one count,
 *   not a recount each (issue 14);</li>
 *   <li>a count as of a second older than {@code settle} (by default the sealer's gap timeout: no
 *   event can join the past after it) is final, and kept (at most {@code cache-size} of them);</li>
 *   <li>a count as of a later second, and a count as of now, is computed once per petition (and
 *   second) per {@code now-ttl} (1 s) and shared by every request in that time, each answer giving
 *   the moment it was counted as of;</li>
 *   <li>a request with {@code asOf} that needs a recount (no kept answer serves it) counts against
 *   its client address's allowance ({@code ledger.rate-limits.recounts-per-address.*}, 10 a
 *   minute): over it, 429 {@code request.rate-limited} with {@code Retry-After}. Kept answers are
 *   never limited, nor is the count as of now (one recount per petition per second, whoever
 *   asks);</li>
 *   <li>at most {@code max-concurrent} recounts run at once on a node; a request that cannot start
 *   one within {@code wait} gets 503 {@code server.busy} with {@code Retry-After}.</li>
 * </ul>
 * Each recount is counted in {@code ledger_petition_recounts_total{asOf="now|recent|past"}}.
 */
@Component
public class SignatureCounts {
    /** A count and the moment it is as of. */
    public record Count(SignatureRecount.Result result, Instant asOf) {
    }

    private record Key(PetitionId petition, Instant asOf) {
    }

    private final Clock clock;
    private final Duration settle;
    private final Duration wait;
    private final Semaphore permits;
    private final Cache<Key, Count> past;
    private final Cache<Key, Count> recent;
    private final Cache<PetitionId, Count> now;
    private final RateLimiter perAddress;
    private final Counter nowRecounts;
    private final Counter recentRecounts;
    private final Counter pastRecounts;

    @Autowired
    public SignatureCounts(Clock clock,
                           @Value("${ledger.petitions.count.settle:PT60S}") Duration settle,
                           @Value("${ledger.petitions.count.now-ttl:PT1S}") Duration nowTtl,
                           @Value("${ledger.petitions.count.cache-size:10000}") long cacheSize,
                           @Value("${ledger.petitions.count.max-concurrent:2}") int maxConcurrent,
                           @Value("${ledger.petitions.count.wait:PT2S}") Duration wait,
                           @Value("${ledger.rate-limits.recounts-per-address.requests:10}") long recountsPerAddress,
                           @Value("${ledger.rate-limits.recounts-per-address.period:PT1M}") Duration recountPeriod,
                           @Value("${ledger.rate-limits.max-tracked-keys:100000}") long maxKeys,
                           MeterRegistry meters) {
        this(clock, settle, nowTtl, cacheSize, maxConcurrent, wait, new RateLimiter(recountsPerAddress, recountPeriod, maxKeys),
                meters);
    }

    SignatureCounts(Clock clock, Duration settle, Duration nowTtl, long cacheSize, int maxConcurrent, Duration wait,
                    RateLimiter perAddress, MeterRegistry meters) {
        this.clock = clock;
        this.settle = settle;
        this.wait = wait;
        this.permits = new Semaphore(Math.max(1, maxConcurrent), true);
        this.past = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.recent = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(nowTtl).build();
        this.now = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(nowTtl).build();
        this.perAddress = perAddress;
        this.nowRecounts = recounts(meters, "now");
        this.recentRecounts = recounts(meters, "recent");
        this.pastRecounts = recounts(meters, "past");
    }

    private static Counter recounts(MeterRegistry meters, String asOf) {
        return Counter.builder("ledger.petition.recounts").tag("asOf", asOf)
                .description("Public signature recounts run (GET /petitions/{id}/signatures/count)").register(meters);
    }

    /**
     * The count as of {@code asOf} rounded down to its second (null: now), recounted by
     * {@code recount} only when no kept answer serves; {@code client} is the caller's address.
     */
    public Count countAsOf(PetitionId petition, Instant asOf, String client,
                           Function<Instant, SignatureRecount.Result> recount) {
        Instant current = clock.instant();
        if (asOf == null) {
            return now.get(petition, p -> limited(nowRecounts, () -> new Count(recount.apply(current), current)));
        }
        Instant second = asOf.truncatedTo(ChronoUnit.SECONDS);
        boolean settled = second.isBefore(current.minus(settle));
        return (settled ? past : recent).get(new Key(petition, second), k -> {
            long retryAfter = perAddress.tryAcquire(client);
            if (retryAfter > 0) {
                throw new RateLimiter.Exceeded("Too many signature recounts from this address; counts already made are "
                        + "still served. Retry after " + retryAfter + " s.", retryAfter);
            }
            return limited(settled ? pastRecounts : recentRecounts, () -> new Count(recount.apply(second), second));
        });
    }

    private Count limited(Counter recounts, Supplier<Count> work) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw new Busy("Too many signature recounts are running; retry in a second.");
        }
        try {
            recounts.increment();
            return work.get();
        } finally {
            permits.release();
        }
    }
}
