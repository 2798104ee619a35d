package fr.paris.ledger.projections.petition;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The petition page ({@code GET /petitions/{id}}) served from memory while nothing changed: a viral
 * petition is read thousands of times a second, and each read would otherwise run three queries (the
 * petition, its 20 tallies, and the moment its threshold was reached, an index walk over its first
 * 5,000 standing signatures).
 *
 * <p>An entry is dropped as soon as this node's projections commit a change to that petition (its
 * row, its history or its signatures: {@link #changed}, after the projection's transaction commits),
 * so on one node the page is never older than the read model. It is also dropped once it is
 * {@code ledger.petitions.view-cache} old by the ledger's clock (default 1 s; a status read as of
 * "now", OPEN turning CLOSED at its closing time, and another node's projections, which this node
 * does not hear of, are at most that late). {@code PT0S} turns the cache off.
 *
 * <p>A change and a read racing each other cannot leave the older page behind: a read loads the
 * entry inside the cache's per-key computation, and dropping the key waits for a computation in
 * progress, so a page read before the commit is dropped after it.
 */
@Component
public class PetitionViewCache {
    private static final String CHANGED = PetitionViewCache.class.getName() + ".changed";

    private record Entry(Optional<PetitionView> view, Instant readAt) {
    }

    private final PetitionQueries queries;
    private final Clock clock;
    private final Duration maxAge;
    private final Cache<String, Entry> entries;

    public PetitionViewCache(PetitionQueries queries, Clock clock,
                             @Value("${ledger.petitions.view-cache:PT1S}") Duration maxAge) {
        this.queries = queries;
        this.clock = clock;
        this.maxAge = maxAge;
        this.entries = Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(maxAge.isZero() ? Duration.ofNanos(1) : maxAge)
                .build();
    }

    /** The petition's page as {@link PetitionQueries#find} reads it, at most {@code maxAge} old and never older than this node's read model. */
    public Optional<PetitionView> find(String petitionId) {
        if (maxAge.isZero()) {
            return queries.find(petitionId);
        }
        Entry entry = entries.get(petitionId, this::read);
        if (!fresh(entry)) {
            entries.asMap().remove(petitionId, entry);
            entry = entries.get(petitionId, this::read);
        }
        return entry.view();
    }

    private Entry read(String petitionId) {
        Instant at = clock.instant();
        return new Entry(queries.find(petitionId), at);
    }

    private boolean fresh(Entry entry) {
        Duration age = Duration.between(entry.readAt(), clock.instant());
        return !age.isNegative() && age.compareTo(maxAge) < 0;
    }

    /**
     * The projections changed this petition: its page is dropped once their transaction has
     * committed (at once outside a unit of work).
     */
    public void changed(String petitionId) {
        if (CurrentUnitOfWork.isStarted()) {
            UnitOfWork<?> root = CurrentUnitOfWork.get().root();
            root.getOrComputeResource(CHANGED, key -> {
                Set<String> changed = new HashSet<>();
                root.afterCommit(u -> entries.invalidateAll(changed));
                return changed;
            }).add(petitionId);
        } else {
            entries.invalidate(petitionId);
        }
    }

    /** Every page dropped (a projection was reset for a replay). */
    public void clear() {
        entries.invalidateAll();
    }
}
