package fr.paris.ledger.application.benefit;

import fr.paris.ledger.card.CardDirectory;
import fr.paris.ledger.card.CardHolderId;
import java.util.Optional;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * A holder's active card, read from their own card events (a handful: issues, moves, cancellations)
 * in the event store, without taking the holder aggregate's lock and without a cache: what is
 * committed is what counts, on every node.
 */
public class EventStoreCardDirectory implements CardDirectory {
    private final EventStore eventStore;

    public EventStoreCardDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<String> activeCard(CardHolderId holder) {
        String active = null;
        DomainEventStream events = eventStore.readEvents(holder.toString());
        while (events.hasNext()) {
            active = CardDirectory.activeAfter(active, events.next().getPayload());
        }
        return Optional.ofNullable(active);
    }
}
