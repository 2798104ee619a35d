package fr.paris.ledger.card;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.ParisCalendar;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One participant's citizen card history. It keeps only what its decisions need: which card, if
 * any, is active, and where its holder lives.
 */
public class CitizenCardHolder {

    @AggregateIdentifier
    private String holderId;
    private CardNumber activeCard;
    private int arrondissement;
    private PostalCode postalCode;

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
                command.cardNumber(),
                command.postalCode(),
                command.postalCode().arrondissement().getAsInt(),
                command.birthdate().getYear(),
                age,
                command.channel(),
                command.requestedBy(),
                clock.instant());
        apply(issued);
        return issued;
    }

    @CommandHandler
    public void handle(CancelCitizenCard command, Clock clock) {
        requireActive(command.cardNumber());
        apply(new CitizenCardCancelled(
                command.holderId().participantId(),
                activeCard,
                command.byAgent() ? CancellationCause.BY_AGENT : CancellationCause.BY_HOLDER,
                command.reason(),
                null,
                command.cancelledBy(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(ChangeCardResidence command, Clock clock) {
        requireActive(command.cardNumber());
        if (command.postalCode().equals(postalCode)) {
            return; // already recorded: a retried request changes nothing
        }
        ParticipantId holder = command.holderId().participantId();
        var newArrondissement = command.postalCode().arrondissement();
        if (newArrondissement.isEmpty()) {
            apply(new CitizenCardCancelled(holder, activeCard, CancellationCause.MOVED_OUT_OF_PARIS,
                    null, command.postalCode(), holder, clock.instant()));
        } else {
            apply(new CitizenCardResidenceChanged(holder, activeCard, command.postalCode(),
                    arrondissement, newArrondissement.getAsInt(), clock.instant()));
        }
    }

    private void requireActive(CardNumber cardNumber) {
        if (activeCard == null || !activeCard.equals(cardNumber)) {
            throw RuleViolation.notFound("card.not-found", "No active citizen card " + cardNumber + " for this holder.");
        }
    }

    @EventSourcingHandler
    void on(CitizenCardIssued event) {
        holderId = CardHolderId.of(event.participantId()).toString();
        activeCard = event.cardNumber();
        arrondissement = event.arrondissement();
        postalCode = event.postalCode();
    }

    @EventSourcingHandler
    void on(CitizenCardCancelled event) {
        activeCard = null;
    }

    @EventSourcingHandler
    void on(CitizenCardResidenceChanged event) {
        arrondissement = event.toArrondissement();
        postalCode = event.postalCode();
    }
}
