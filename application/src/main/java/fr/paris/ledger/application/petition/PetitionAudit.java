package fr.paris.ledger.application.petition;

import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.SignatureId;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.infra.events.EventScanner;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Answers about a petition from its events, the way an auditor would, not from read models: its
 * facts as of a moment, and the recount of its signatures ({@link SignatureRecount}), streamed
 * signer by signer by the {@link EventScanner}, so memory does not grow with their number.
 */
@Component
public class PetitionAudit {
    private final EventStore eventStore;
    private final EventScanner scanner;

    public PetitionAudit(EventStore eventStore, EventScanner scanner) {
        this.eventStore = eventStore;
        this.scanner = scanner;
    }

    /** The petition's facts from its events recorded at or before {@code asOf} (null: all). */
    public Optional<PetitionFacts> facts(PetitionId id, Instant asOf) {
        PetitionFacts facts = null;
        DomainEventStream events = eventStore.readEvents(id.aggregateId());
        while (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (asOf == null || !event.getTimestamp().isAfter(asOf)) {
                facts = PetitionFacts.apply(facts, event.getPayload());
            }
        }
        return Optional.ofNullable(facts);
    }

    /** Recounts the petition's signatures as of {@code asOf} (null: all) against its signing window. */
    public SignatureRecount.Result recount(PetitionId id, PetitionFacts facts, Instant asOf) {
        SignatureRecount recount = new SignatureRecount(facts == null ? null : facts.window(), asOf);
        scanner.scan(SignatureId.prefixOf(id), EventScanner.Order.BY_AGGREGATE,
                e -> recount.accept(e.aggregateId(), e.payload()));
        return recount.finish();
    }
}
