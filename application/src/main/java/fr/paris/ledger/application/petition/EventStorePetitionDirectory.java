package fr.paris.ledger.application.petition;

import fr.paris.ledger.infra.events.FactsCache;
import fr.paris.ledger.petition.PetitionDirectory;
import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;

/**
 * The petition facts signatures and comments rely on, read from the petition's own events (a
 * handful: it holds no signature) without taking the petition aggregate's lock, and kept for a
 * short time ({@link FactsCache}) so that a surge of signatures reads them from memory. A petition
 * event committed on this node evicts its entry at once; on other nodes the entry expires within
 * the time to live. The cache holds one entry per petition, never per signature.
 */
public class EventStorePetitionDirectory implements PetitionDirectory {
    private static final String AGGREGATE_PREFIX = "petition:";

    private final EventStore eventStore;
    private final FactsCache<PetitionId, PetitionFacts> cache;

    public EventStorePetitionDirectory(EventStore eventStore, Duration ttl) {
        this.eventStore = eventStore;
        this.cache = new FactsCache<>(ttl, 10_000);
    }

    @Override
    public Optional<PetitionFacts> find(PetitionId id) {
        return cache.get(id, this::load);
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
        cache.evict(id);
    }

    /** Evicts a petition's entry once an event of that petition commits on this node. */
    public MessageDispatchInterceptor<EventMessage<?>> evictOnPetitionEvents() {
        return cache.evictOnEventsOf(aggregateId -> aggregateId.startsWith(AGGREGATE_PREFIX)
                && PetitionId.isWellFormed(aggregateId.substring(AGGREGATE_PREFIX.length()))
                ? Optional.of(new PetitionId(aggregateId.substring(AGGREGATE_PREFIX.length()))) : Optional.empty());
    }
}
