package fr.paris.ledger.infra.petition;

import fr.paris.ledger.petition.PetitionClosed;
import fr.paris.ledger.petition.PetitionDeclined;
import fr.paris.ledger.petition.PetitionDirectory;
import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionFiled;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda;
import fr.paris.ledger.petition.PetitionPublished;
import fr.paris.ledger.petition.PetitionRejected;
import fr.paris.ledger.petition.PetitionWithdrawn;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * The petition facts signatures and comments rely on, read from the petition's own events (a
 * handful: it holds no signature) without taking the petition aggregate's lock, and kept for a
 * short time so that a surge of signatures reads them from memory. A petition event committed on
 * this node evicts its entry at once; on other nodes the entry expires within the time to live.
 * The cache holds one entry per petition, never per signature.
 */
public class EventStorePetitionDirectory implements PetitionDirectory {
    private static final Set<Class<?>> PETITION_EVENTS = Set.of(PetitionFiled.class, PetitionPublished.class,
            PetitionRejected.class, PetitionWithdrawn.class, PetitionClosed.class, PetitionPlacedOnCouncilAgenda.class,
            PetitionDeclined.class);

    private record Entry(PetitionFacts facts, long expiresAtNanos) {
    }

    private final EventStore eventStore;
    private final long ttlNanos;
    private final Map<PetitionId, Entry> cache = new ConcurrentHashMap<>();
    /** Counts evictions per petition: a load that saw an older count must not store what it read. */
    private final Map<PetitionId, Long> evictions = new ConcurrentHashMap<>();

    public EventStorePetitionDirectory(EventStore eventStore, Duration ttl) {
        this.eventStore = eventStore;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public Optional<PetitionFacts> find(PetitionId id) {
        long now = System.nanoTime();
        Entry entry = cache.get(id);
        if (entry != null && now - entry.expiresAtNanos < 0) {
            return Optional.of(entry.facts);
        }
        long generation = evictions.getOrDefault(id, 0L);
        PetitionFacts facts = load(id);
        if (facts == null) {
            cache.remove(id);
            return Optional.empty();
        }
        Entry fresh = new Entry(facts, now + ttlNanos);
        // store only if no petition event committed (and evicted) while we were reading
        evictions.compute(id, (k, g) -> {
            if ((g == null ? 0L : g) == generation) {
                cache.put(id, fresh);
            }
            return g;
        });
        return Optional.of(facts);
    }

    private PetitionFacts load(PetitionId id) {
        PetitionFacts facts = null;
        DomainEventStream events = eventStore.readEvents(id.aggregateId());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            facts = PetitionFacts.apply(facts, event.getPayload());
        }
        return facts;
    }

    public void evict(PetitionId id) {
        evictions.compute(id, (k, g) -> {
            cache.remove(id);
            return g == null ? 1L : g + 1;
        });
    }

    /** Evicts a petition's entry once an event of that petition commits on this node. */
    public MessageDispatchInterceptor<EventMessage<?>> evictOnPetitionEvents() {
        return messages -> {
            for (EventMessage<?> m : messages) {
                if (PETITION_EVENTS.contains(m.getPayloadType()) && CurrentUnitOfWork.isStarted()) {
                    PetitionId id = petitionOf(m.getPayload());
                    CurrentUnitOfWork.get().afterCommit(u -> evict(id));
                    CurrentUnitOfWork.get().onRollback(u -> evict(id));
                }
            }
            return (index, message) -> message;
        };
    }

    private static PetitionId petitionOf(Object payload) {
        if (payload instanceof PetitionFiled e) {
            return e.petitionId();
        } else if (payload instanceof PetitionPublished e) {
            return e.petitionId();
        } else if (payload instanceof PetitionRejected e) {
            return e.petitionId();
        } else if (payload instanceof PetitionWithdrawn e) {
            return e.petitionId();
        } else if (payload instanceof PetitionClosed e) {
            return e.petitionId();
        } else if (payload instanceof PetitionPlacedOnCouncilAgenda e) {
            return e.petitionId();
        }
        return ((PetitionDeclined) payload).petitionId();
    }
}
