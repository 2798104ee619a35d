package fr.paris.ledger.petition;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A comment on a petition: written once, while the petition is open. */
public class PetitionComment {

    @AggregateIdentifier
    private String id;
    private PetitionId petitionId;
    private boolean hidden;

    protected PetitionComment() {
        // for Axon
    }

    @CommandHandler
    public PetitionComment(CommentOnPetition command, Clock clock, PetitionDirectory petitions) {
        Instant now = clock.instant();
        PetitionSignature.requireOpen(petitions, command.petitionId(), now);
        apply(new PetitionCommented(command.commentId().value(), command.petitionId(), command.author(), command.sealedText(), now));
    }

    @CommandHandler
    public void handle(HideComment command, Clock clock) {
        if (hidden) {
            throw RuleViolation.conflict("petition.comment-hidden", "This comment is hidden already.");
        }
        apply(new CommentHidden(command.commentId().value(), petitionId, command.by(), command.reason(), clock.instant()));
    }

    @EventSourcingHandler
    void on(PetitionCommented event) {
        id = new CommentId(event.commentId()).toString();
        petitionId = event.petitionId();
    }

    @EventSourcingHandler
    void on(CommentHidden event) {
        hidden = true;
    }
}
