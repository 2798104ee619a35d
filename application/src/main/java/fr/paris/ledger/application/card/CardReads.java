package fr.paris.ledger.application.card;

import fr.paris.ledger.card.CardHolderId;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.projection.ReadYourWrites;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.card.CardStats;
import fr.paris.ledger.projections.card.CardView;
import fr.paris.ledger.projections.card.CitizenCardProjection;
import fr.paris.ledger.projections.card.CitizenCardQueries;
import fr.paris.ledger.shared.ParticipantId;
import org.springframework.stereotype.Service;

/** The citizen card's reads: a holder's own card (with its number, derived for the answer) and the public statistics. */
@Service
public class CardReads {
    private final CitizenCardQueries cards;
    private final Participants participants;
    private final ReadYourWrites readYourWrites;

    public CardReads(CitizenCardQueries cards, Participants participants, ReadYourWrites readYourWrites) {
        this.cards = cards;
        this.participants = participants;
        this.readYourWrites = readYourWrites;
    }

    /** A card as its holder sees it: the read model's row and the number derived from their subject key. */
    public record HeldCard(String cardNumber, CardView card) {
    }

    /** The caller's most recent card, once the read model has passed their last act; 404 {@code card.not-found} if none. */
    public HeldCard mine(Caller caller) {
        var holder = participants.subjects().find(caller.subject())
                .orElseThrow(() -> CardActs.notFound("You hold no citizen card."));
        ParticipantId holderRef = Participants.reference(holder, ReferenceScope.card());
        // read your own writes: the read model first passes the holder's last act (api.md)
        readYourWrites.awaitAggregate(CitizenCardProjection.NAME, CardHolderId.of(holderRef).toString());
        return cards.latestOf(holderRef.value())
                .map(v -> new HeldCard(Participants.cardNumber(holder, v.cardId()), v))
                .orElseThrow(() -> CardActs.notFound("You hold no citizen card."));
    }

    public CardStats stats() {
        return cards.stats();
    }
}
