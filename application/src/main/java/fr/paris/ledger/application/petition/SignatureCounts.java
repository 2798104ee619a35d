package fr.paris.ledger.application.petition;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.paris.ledger.application.api.ApiErrors.Busy;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.SignatureRecount;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps the public as-of signature count (a recount over every signature event of the petition,
 * anyone may ask) from being a lever against the service:
 * <ul>
 *   <li>a count as of a moment older than {@code settle} (by default the sealer's gap timeout: no
 *   event can join the past after it) is final, and kept (at most {@code cache-size} of them);</li>
 *   <li>a count as of now is computed once per petition per {@code now-ttl} (1 s) and shared by
 *   every request in that time, each answer giving the moment it was counted as of;</li>
 *   <li>at most {@code max-concurrent} recounts run at once on a node; a request that cannot start
 *   one within {@code wait} gets 503 {@code server.busy} with {@code Retry-After}.</li>
 * </ul>
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
    private final Cache<PetitionId, Count> now;

    public SignatureCounts(Clock clock,
                           @Value("${ledger.petitions.count.settle:PT60S}") Duration settle,
                           @Value("${ledger.petitions.count.now-ttl:PT1S}") Duration nowTtl,
                           @Value("${ledger.petitions.count.cache-size:10000}") long cacheSize,
                           @Value("${ledger.petitions.count.max-concurrent:2}") int maxConcurrent,
                           @Value("${ledger.petitions.count.wait:PT2S}") Duration wait) {
        this.clock = clock;
        this.settle = settle;
        this.wait = wait;
        this.permits = new Semaphore(Math.max(1, maxConcurrent), true);
        this.past = Caffeine.newBuilder().maximumSize(cacheSize).build();
        this.now = Caffeine.newBuilder().maximumSize(cacheSize).expireAfterWrite(nowTtl).build();
    }

    /** The count as of {@code asOf} (null: now), recounted by {@code recount} only when no kept answer serves. */
    public Count countAsOf(PetitionId petition, Instant asOf, Function<Instant, SignatureRecount.Result> recount) {
        Instant current = clock.instant();
        if (asOf == null) {
            return now.get(petition, p -> limited(() -> new Count(recount.apply(current), current)));
        }
        if (asOf.isBefore(current.minus(settle))) {
            return past.get(new Key(petition, asOf), k -> limited(() -> new Count(recount.apply(asOf), asOf)));
        }
        return limited(() -> new Count(recount.apply(asOf), asOf));
    }

    private Count limited(java.util.function.Supplier<Count> work) {
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
            return work.get();
        } finally {
            permits.release();
        }
    }
}
