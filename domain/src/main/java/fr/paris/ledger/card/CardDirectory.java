package fr.paris.ledger.card;

import java.util.Optional;

/**
 * Which card, if any, a holder holds ACTIVE now, as the event store has it (not a read model that may
 * lag): what a card benefit's reservation is checked against.
 */
public interface CardDirectory {

    /** The id of the holder's ACTIVE card, or empty when they hold none. */
    Optional<String> activeCard(CardHolderId holder);

    /** The active card after {@code event}, given the one before it: the fold of a holder's card events. */
    static String activeAfter(String active, Object event) {
        if (event instanceof CitizenCardIssued issued) {
            return issued.cardId();
        }
        if (event instanceof CitizenCardCancelled cancelled && cancelled.cardId().equals(active)) {
            return null;
        }
        return active;
    }
}
