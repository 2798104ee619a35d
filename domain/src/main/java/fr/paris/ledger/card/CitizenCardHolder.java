package fr.paris.ledger.card;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.ParisCalendar;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One participant's citizen card history (by their reference in the scope {@code card}). It keeps
 * only what its decisions need: which card, if any, is active, and in which arrondissement.
 */
public class CitizenCardHolder {

    @AggregateIdentifier
    private String holderId;
    private String activeCard;
    private int arrondissement;

    protected CitizenCardHolder() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public CitizenCardIssued handle(IssueCitizenCard command, Clock clock) {
        if (activeCard != null) {
            throw RuleViolation.conflict("card.already-held",
                    "This participant already holds an active citizen card.");
        }
        var today = ParisCalendar.today(clock);
        int age = CardEligibility.check(command.birthdate(), command.postalCode(), today);
        var issued = new CitizenCardIssued(
                command.holderId().participantId(),
                command.cardId(),
                command.postalCode().arrondissement().getAsInt(),
                AgeBand.of(age),
                command.channel(),
                command.requestedBy(),
                clock.instant());
        apply(issued);
        return issued;
    }

    @CommandHandler
    public void handle(CancelCitizenCard command, Clock clock) {
        requireActive(command.cardId());
        apply(new CitizenCardCancelled(
                command.holderId().participantId(),
                activeCard,
                command.byAgent() ? CancellationCause.BY_AGENT : CancellationCause.BY_HOLDER,
                command.byAgent() ? command.reason() : null,
                command.cancelledBy(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeCardResidence command, Clock clock) {
        requireActive(command.cardId());
        ParticipantId holder = command.holderId().participantId();
        var newArrondissement = command.postalCode().arrondissement();
        if (newArrondissement.isEmpty()) {
            apply(new CitizenCardCancelled(holder, activeCard, CancellationCause.MOVED_OUT_OF_PARIS,
                    null, holder, clock.instant()));
        } else if (newArrondissement.getAsInt() != arrondissement) {
            apply(new CitizenCardResidenceChanged(holder, activeCard, arrondissement, newArrondissement.getAsInt(),
                    clock.instant()));
        }
        // same arrondissement: nothing to record (a retried request, or a move within it)
    }

    private void requireActive(String cardId) {
        if (activeCard == null || !activeCard.equals(cardId)) {
            throw RuleViolation.notFound("card.not-found", "No such active citizen card for this holder.");
        }
    }

    @EventSourcingHandler
    void on(CitizenCardIssued event) {
        holderId = CardHolderId.of(event.participantId()).toString();
        activeCard = event.cardId();
        arrondissement = event.arrondissement();
    }

    @EventSourcingHandler
    void on(CitizenCardCancelled event) {
        activeCard = null;
    }

    @EventSourcingHandler
    void on(CitizenCardResidenceChanged event) {
        arrondissement = event.toArrondissement();
    }
}
