package fr.paris.ledger.petition;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One participant's signature of one petition. It never loads the petition's aggregate: the
 * petition's window comes from the {@link PetitionDirectory}. Its only state is whether it stands,
 * so a second signature by the same participant is refused here, exactly, even under concurrency
 * (two simultaneous first signatures collide on the event's sequence number).
 */
public class PetitionSignature {

    @AggregateIdentifier
    private String id;
    private boolean signed;

    protected PetitionSignature() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SignPetition command, Clock clock, PetitionDirectory petitions) {
        Instant now = clock.instant();
        SignatureId sid = command.signatureId();
        requireOpen(petitions, sid.petitionId(), now);
        if (command.postalCode() == null || !command.postalCode().isParisian()) {
            throw RuleViolation.refused("petition.not-resident", "Only Parisians may sign a petition.");
        }
        if (signed) {
            throw RuleViolation.conflict("petition.already-signed", "You have already signed this petition.");
        }
        apply(new PetitionSigned(sid.petitionId(), sid.participantId(),
                command.postalCode().arrondissement().getAsInt(), now));
    }

    @CommandHandler
    public void handle(WithdrawSignature command, Clock clock, PetitionDirectory petitions) {
        Instant now = clock.instant();
        requireOpen(petitions, command.signatureId().petitionId(), now);
        if (!signed) {
            throw RuleViolation.conflict("petition.not-signed", "You have not signed this petition.");
        }
        apply(new PetitionSignatureWithdrawn(command.signatureId().petitionId(), command.signatureId().participantId(), now));
    }

    static void requireOpen(PetitionDirectory petitions, PetitionId petition, Instant now) {
        PetitionFacts facts = petitions.find(petition).orElseThrow(
                () -> RuleViolation.notFound("petition.not-found", "No petition " + petition.value() + "."));
        if (!facts.isOpenAt(now)) {
            throw RuleViolation.refused("petition.not-open", "This petition is not open for signatures.");
        }
    }

    @EventSourcingHandler
    void on(PetitionSigned event) {
        id = new SignatureId(event.petitionId(), event.participantId()).toString();
        signed = true;
    }

    @EventSourcingHandler
    void on(PetitionSignatureWithdrawn event) {
        signed = false;
    }
}
