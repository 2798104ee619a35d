package fr.paris.ledger.application.benefit;

import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.benefit.EndCardReservation;
import fr.paris.ledger.benefit.ReservationConfirmed;
import fr.paris.ledger.benefit.ReservationWaitlisted;
import fr.paris.ledger.card.CardDirectory;
import fr.paris.ledger.card.CardHolderId;
import fr.paris.ledger.card.CitizenCardCancelled;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * A cancelled card's reservations of events not yet started are cancelled with it, whatever cancelled
 * the card (its holder, an agent, a move out of Paris, an erasure): this process follows the log and
 * sends {@link EndCardReservation} for them (ADR 017).
 *
 * <p>Two events can race: a reservation checked against a card that is cancelled before the
 * reservation is recorded. Each side therefore checks the other against what is committed when it is
 * handled: a card's cancellation ends the reservations of every event its holder asked a place at
 * ({@link ReservationIndex}, written before the reservation is sent); a reservation made with a card
 * that is no longer the holder's active one (the event store's card events, not a read model) is
 * ended. Whichever of the two is handled last sees the other committed, so no reservation of a
 * cancelled card survives, in any order and with the handlers on different nodes.
 *
 * <p>Safe to repeat: {@link EndCardReservation} ends only a live reservation made with that very card
 * of an event not yet started, and is refused ({@code benefit.nothing-to-end}, nothing written)
 * otherwise; so a batch retried after a crash, a segment taken over by another node, or a replay from
 * the first event sends commands that change nothing. Its events are written in this processor's
 * transaction, with its token. It is a process, not a projection: it is not replayed
 * ({@link DisallowReplay}; the admin endpoint does not offer it).
 */
@Component
@ProcessingGroup(ReservationsOfCancelledCards.NAME)
@DisallowReplay
public class ReservationsOfCancelledCards {
    public static final String NAME = "card-benefit-cancelled-cards";

    private final LedgerCommands commands;
    private final ReservationIndex index;
    private final CardDirectory cards;

    public ReservationsOfCancelledCards(LedgerCommands commands, ReservationIndex index, CardDirectory cards) {
        this.commands = commands;
        this.index = index;
        this.cards = cards;
    }

    @EventHandler
    void on(CitizenCardCancelled e) {
        for (CardEventId event : index.eventsOf(e.participantId())) {
            end(event, e.participantId(), e.cardId());
        }
    }

    @EventHandler
    void on(ReservationConfirmed e) {
        endUnlessActive(e.eventId(), e.participantId(), e.cardId());
    }

    @EventHandler
    void on(ReservationWaitlisted e) {
        endUnlessActive(e.eventId(), e.participantId(), e.cardId());
    }

    private void endUnlessActive(CardEventId event, ParticipantId holder, String cardId) {
        if (!cards.activeCard(CardHolderId.of(holder)).filter(cardId::equals).isPresent()) {
            end(event, holder, cardId);
        }
    }

    private void end(CardEventId event, ParticipantId holder, String cardId) {
        try {
            commands.send(new EndCardReservation(event, holder, cardId));
        } catch (RuleViolation | AggregateNotFoundException nothingToEnd) {
            // nothing (left) to end: an event started or cancelled, or a reservation ended already
        }
    }
}
