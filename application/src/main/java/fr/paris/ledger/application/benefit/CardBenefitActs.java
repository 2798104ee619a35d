package fr.paris.ledger.application.benefit;

import fr.paris.ledger.benefit.BenefitKind;
import fr.paris.ledger.benefit.CancelCardEvent;
import fr.paris.ledger.benefit.CancelReservation;
import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.benefit.ChangeCardEventSeats;
import fr.paris.ledger.benefit.Occupancy;
import fr.paris.ledger.benefit.Reservation;
import fr.paris.ledger.benefit.ReserveSeat;
import fr.paris.ledger.benefit.ScheduleCardEvent;
import fr.paris.ledger.card.CardDirectory;
import fr.paris.ledger.card.CardHolderId;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.privacy.SubjectKeys.Subject;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * The acts on card benefits: an agent schedules an event or workshop, changes its seats or cancels
 * it; a holder reserves a place with their ACTIVE card, or cancels their reservation. A holder acts
 * under their reference in the scope {@code card}, the same as their card's. Every command to an
 * event waits in this node's {@link ReservationLine} and is sent as to a hot aggregate.
 */
@Service
public class CardBenefitActs {
    /** The most seats an event may offer card holders. */
    public static final int MAX_SEATS = 100_000;
    /** Events are scheduled before this instant (and a database timestamp holds it). */
    public static final Instant LATEST_START = Instant.parse("3000-01-01T00:00:00Z");

    private final LedgerCommands commands;
    private final Participants participants;
    private final CardDirectory cards;
    private final ReservationIndex index;
    private final ReservationLine line;

    public CardBenefitActs(LedgerCommands commands, Participants participants, CardDirectory cards, ReservationIndex index,
                           ReservationLine line) {
        this.commands = commands;
        this.participants = participants;
        this.cards = cards;
        this.index = index;
        this.line = line;
    }

    /** Whether {@code value} is an ISO-8601 instant an event may start at: before {@link #LATEST_START}. */
    public static boolean isStart(String value) {
        try {
            return value != null && Instant.parse(value).isBefore(LATEST_START);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Schedules an event that has not started; {@code title} as it is recorded (stripped). */
    public Accepted<Occupancy> schedule(Caller caller, CardEventId id, BenefitKind kind, String title, Instant startsAt,
                                        int seats) {
        return commands.send(new ScheduleCardEvent(id, kind, title, startsAt, seats, participants.staff(caller.subject())));
    }

    /** Sets the seats: more seats promote waiting holders in order; never below the confirmed. */
    public Accepted<Occupancy> changeSeats(Caller caller, String eventId, int seats) {
        CardEventId id = eventId(eventId);
        return toEvent(id, new ChangeCardEventSeats(id, seats, participants.staff(caller.subject())));
    }

    /** Cancels an event that has not started: every reservation ends. */
    public Accepted<Occupancy> cancel(Caller caller, String eventId, String reason) {
        CardEventId id = eventId(eventId);
        return toEvent(id, new CancelCardEvent(id, reason, participants.staff(caller.subject())));
    }

    /** A seat while seats remain, else a place on the waiting list; {@code benefit.no-card} without an ACTIVE card. */
    public Accepted<Reservation> reserve(Caller caller, String eventId) {
        CardEventId id = eventId(eventId);
        Optional<Subject> subject = participants.subjects().find(caller.subject());
        subject.ifPresent(Subject::requireNotErasing);
        ParticipantId holder = subject.map(s -> Participants.reference(s, ReferenceScope.card())).orElse(null);
        String card = holder == null ? null : cards.activeCard(CardHolderId.of(holder)).orElse(null);
        if (card == null) {
            throw RuleViolation.refused("benefit.no-card", "Card benefits are for holders of an ACTIVE citizen card.");
        }
        // before the act: whatever must later end this holder's reservations finds it, whatever the read models' lag
        index.record(holder, id);
        return toEvent(id, new ReserveSeat(id, holder, card));
    }

    /** Cancels the caller's reservation before the event starts: a freed seat goes to the first waiting holder. */
    public Accepted<Object> cancelReservation(Caller caller, String eventId) {
        CardEventId id = eventId(eventId);
        Optional<Subject> subject = participants.subjects().find(caller.subject());
        subject.ifPresent(Subject::requireNotErasing);
        // no key yet: no reservation either; the aggregate still says whether the event is cancelled, started or unknown
        ParticipantId holder = subject.map(s -> Participants.reference(s, ReferenceScope.card())).orElse(new ParticipantId("r-none"));
        return toEvent(id, new CancelReservation(id, holder));
    }

    /** Sends a command to the event's aggregate, in this node's line for it; an unknown event is a 404. */
    private <R> Accepted<R> toEvent(CardEventId id, Object command) {
        try {
            return line.inLine(id, () -> commands.sendToHotAggregate(command));
        } catch (AggregateNotFoundException e) {
            throw notFound();
        }
    }

    /** The event a path names; a malformed id names none (404). */
    static CardEventId eventId(String eventId) {
        if (!CardEventId.isWellFormed(eventId)) {
            throw notFound();
        }
        return new CardEventId(eventId);
    }

    static RuleViolation notFound() {
        return RuleViolation.notFound("benefit.not-found", "No such event or workshop.");
    }
}
