package fr.paris.ledger.infra.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The facts a command consults (a petition's window, a campaign's phase), folded from an aggregate's
 * events and kept for a short time (Caffeine, expiring after write) so that a surge of commands reads
 * them from memory: one entry per petition or campaign, never per participant. An event of that
 * aggregate committed on this node evicts the entry at once ({@link #evictOnEventsOf}); other nodes
 * see it when their entry expires. A load and an eviction of the same key never interleave (Caffeine
 * computes a key's entry atomically, and an eviction waits for it), so a load that read the events
 * before a commit cannot keep its stale facts after the commit's eviction.
 */
public final class FactsCache<K, V> {
    private final Cache<K, V> cache;

    public FactsCache(Duration ttl, long maximumSize) {
        this.cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
    }

    /** The facts of {@code key}, loaded by {@code load} (null: none, and nothing kept) on a miss. */
    public Optional<V> get(K key, Function<K, V> load) {
        return Optional.ofNullable(cache.get(key, load));
    }

    public void evict(K key) {
        cache.invalidate(key);
    }

    /**
     * Evicts the entry of the aggregate an event belongs to ({@code keyOf} its aggregate identifier;
     * empty for other aggregates) when the event's unit of work commits or rolls back, and once more
     * when the surrounding database transaction, if any, completes (a unit of work inside a keyed
     * request is a savepoint, ADR 004).
     */
    public MessageDispatchInterceptor<EventMessage<?>> evictOnEventsOf(Function<String, Optional<K>> keyOf) {
        return messages -> {
            for (EventMessage<?> m : messages) {
                if (m instanceof DomainEventMessage<?> event && CurrentUnitOfWork.isStarted()) {
                    keyOf.apply(event.getAggregateIdentifier()).ifPresent(key -> {
                        CurrentUnitOfWork.get().afterCommit(u -> evictNowAndAfterTransaction(key));
                        CurrentUnitOfWork.get().onRollback(u -> evictNowAndAfterTransaction(key));
                    });
                }
            }
            return (index, message) -> message;
        };
    }

    private void evictNowAndAfterTransaction(K key) {
        evict(key);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    evict(key);
                }
            });
        }
    }
}
