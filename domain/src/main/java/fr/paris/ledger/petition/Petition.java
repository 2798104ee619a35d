package fr.paris.ledger.petition;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/**
 * A petition's life: filing, moderation, withdrawal, closing and the CPDP's decision. Signatures and
 * comments are not here (each is its own aggregate), so that a viral petition's aggregate stays a
 * handful of events.
 */
public class Petition {

    @AggregateIdentifier
    private String id;
    private PetitionFacts facts;

    protected Petition() {
        // for Axon
    }

    @CommandHandler
    public Petition(FilePetition command, Clock clock) {
        if (!command.authorPostalCode().isParisian()) {
            throw RuleViolation.refused("petition.not-resident", "Only Parisians may file a petition.");
        }
        apply(new PetitionFiled(command.petitionId(), command.author(), command.title(),
                command.text(), command.category(), command.arrondissement(), clock.instant()));
    }

    @CommandHandler
    public PetitionFacts handle(ModeratePetition command, Clock clock) {
        if (facts.recordedStatus() != PetitionStatus.PENDING_MODERATION) {
            throw RuleViolation.conflict("petition.already-moderated", "This petition is not awaiting moderation.");
        }
        Instant now = clock.instant();
        if (command.decision() == Moderation.PUBLISH) {
            SigningWindow window = SigningWindow.openingAt(now);
            apply(new PetitionPublished(command.petitionId(), command.moderator(), window.opensAt(), window.closesAt()));
        } else {
            if (command.reason() == null || command.reason().isBlank()) {
                throw RuleViolation.refused("petition.reason-required", "A rejection states its reason.");
            }
            apply(new PetitionRejected(command.petitionId(), command.moderator(), command.reason(), now));
        }
        return facts;
    }

    @CommandHandler
    public void handle(WithdrawPetition command, Clock clock) {
        if (!facts.author().equals(command.by().value())) {
            throw RuleViolation.forbidden("petition.not-author", "Only the author may withdraw a petition.");
        }
        Instant now = clock.instant();
        boolean pending = facts.recordedStatus() == PetitionStatus.PENDING_MODERATION;
        if (!pending && !facts.isOpenAt(now)) {
            throw RuleViolation.refused("petition.not-open", "This petition is no longer open.");
        }
        apply(new PetitionWithdrawn(command.petitionId(), command.by(), command.reason(), now));
    }

    @CommandHandler
    public void handle(ClosePetition command, Clock clock) {
        if (facts.recordedStatus() != PetitionStatus.OPEN || facts.isOpenAt(clock.instant())) {
            throw RuleViolation.conflict("petition.not-due", "This petition's window has not ended, or it is not open.");
        }
        apply(new PetitionClosed(command.petitionId(), facts.window().closesAt()));
    }

    @CommandHandler
    public PetitionStatus handle(DecideOnPetition command, Clock clock) {
        Instant now = clock.instant();
        Instant countedAsOf = command.countedAsOf();
        if (countedAsOf == null || countedAsOf.isAfter(now) || countedAsOf.isBefore(now.minus(PetitionRules.DECISION_COUNT_MAX_AGE))) {
            throw RuleViolation.refused("petition.count-stale", "The decision's count must be as of the last "
                    + PetitionRules.DECISION_COUNT_MAX_AGE.toSeconds() + " seconds; count again.");
        }
        PetitionStatus status = facts.statusAt(now);
        if (status == PetitionStatus.ON_COUNCIL_AGENDA || status == PetitionStatus.DECLINED) {
            throw RuleViolation.conflict("petition.already-decided", "The CPDP has already decided on this petition.");
        }
        if (status != PetitionStatus.OPEN && status != PetitionStatus.CLOSED) {
            throw RuleViolation.refused("petition.not-open", "Only a published petition, open or closed, is decided on.");
        }
        boolean eligible = command.validSignatures() >= PetitionRules.THRESHOLD;
        if (command.decision() == CpdpDecision.PLACE_ON_AGENDA) {
            if (!eligible) {
                throw RuleViolation.refused("petition.not-eligible", "The petition has " + command.validSignatures()
                        + " valid signatures; " + PetitionRules.THRESHOLD + " are needed.");
            }
            if (command.councilSession() == null) {
                throw RuleViolation.refused("petition.session-required", "A placement names the council session.");
            }
            apply(new PetitionPlacedOnCouncilAgenda(command.petitionId(), command.member(), command.councilSession(),
                    command.validSignatures(), command.thresholdReachedAt(), countedAsOf));
            return PetitionStatus.ON_COUNCIL_AGENDA;
        }
        if (status == PetitionStatus.OPEN && !eligible) {
            throw RuleViolation.refused("petition.not-eligible",
                    "An open petition below the threshold is not yet before the CPDP.");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw RuleViolation.refused("petition.reason-required", "A decision to decline states its reason.");
        }
        apply(new PetitionDeclined(command.petitionId(), command.member(), command.reason(), command.validSignatures(), countedAsOf));
        return PetitionStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(PetitionFiled event) {
        id = event.petitionId().aggregateId();
        facts = PetitionFacts.apply(null, event);
    }

    @EventSourcingHandler
    void on(Object event) {
        facts = PetitionFacts.apply(facts, event);
    }
}
