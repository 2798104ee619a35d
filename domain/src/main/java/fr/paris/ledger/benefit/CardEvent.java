package fr.paris.ledger.benefit;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One event or workshop offered to card holders, with every reservation of it: the consistency
 * boundary of "no overbooking, ever". Every request for a place is decided here, one after the
 * other, so the seats taken never exceed the seats offered and the waiting list is in the order the
 * requests were recorded in the event's stream (ADR 017). It keeps only what its decisions need: when
 * the event starts, its seats, whether it is cancelled, and the holders seated and waiting (with the
 * card each reserved with), in order.
 */
public class CardEvent {

    @AggregateIdentifier
    private String id;
    private CardEventId eventId;
    private Instant startsAt;
    private int seats;
    private boolean cancelled;
    /** Seated holders, in the order they got their seat, with the card each reserved with. */
    private final Map<ParticipantId, String> confirmed = new LinkedHashMap<>();
    /** Waiting holders, first in line first, with the card each reserved with. */
    private final Map<ParticipantId, String> waitlist = new LinkedHashMap<>();

    protected CardEvent() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public Occupancy handle(ScheduleCardEvent command, Clock clock) {
        if (id != null) {
            throw RuleViolation.conflict("benefit.event-exists", "An event with this id is already scheduled.");
        }
        Instant now = clock.instant();
        if (!command.startsAt().isAfter(now)) {
            throw RuleViolation.refused("benefit.event-past", "An event is scheduled before it starts.");
        }
        apply(new CardEventScheduled(command.eventId(), command.kind(), command.title(), command.startsAt(), command.seats(),
                command.scheduledBy(), now));
        return occupancy();
    }

    @CommandHandler
    public Occupancy handle(ChangeCardEventSeats command, Clock clock) {
        Instant now = clock.instant();
        requireNotStarted(now);
        if (command.seats() < confirmed.size()) {
            throw RuleViolation.refused("benefit.seats-below-confirmed",
                    confirmed.size() + " holders already have a seat: the seats cannot drop below that.");
        }
        if (command.seats() != seats) {
            apply(new CardEventSeatsChanged(eventId, seats, command.seats(), command.changedBy(), now));
            promoteIntoFreeSeats(now);
        }
        return occupancy();
    }

    @CommandHandler
    public Occupancy handle(CancelCardEvent command, Clock clock) {
        Instant now = clock.instant();
        requireNotStarted(now);
        apply(new CardEventCancelled(eventId, command.reason(), confirmed.size(), waitlist.size(), command.cancelledBy(), now));
        return occupancy();
    }

    @CommandHandler
    public Reservation handle(ReserveSeat command, Clock clock) {
        Instant now = clock.instant();
        requireNotStarted(now);
        ParticipantId holder = command.holder();
        if (confirmed.containsKey(holder) || waitlist.containsKey(holder)) {
            throw RuleViolation.conflict("benefit.already-reserved", "You already have a reservation for this event.");
        }
        if (confirmed.size() < seats) {
            apply(new ReservationConfirmed(eventId, holder, command.cardId(), now));
            return Reservation.confirmed();
        }
        int position = waitlist.size() + 1;
        apply(new ReservationWaitlisted(eventId, holder, command.cardId(), position, now));
        return Reservation.waitlisted(position);
    }

    @CommandHandler
    public void handle(CancelReservation command, Clock clock) {
        Instant now = clock.instant();
        requireNotStarted(now);
        if (!confirmed.containsKey(command.holder()) && !waitlist.containsKey(command.holder())) {
            throw RuleViolation.notFound("benefit.no-reservation", "You have no reservation for this event.");
        }
        end(command.holder(), ReservationEnd.BY_HOLDER, now);
    }

    @CommandHandler
    public void handle(EndCardReservation command, Clock clock) {
        Instant now = clock.instant();
        ParticipantId holder = command.holder();
        String card = confirmed.containsKey(holder) ? confirmed.get(holder) : waitlist.get(holder);
        if (cancelled || hasStarted(now) || !command.cardId().equals(card)) {
            // the event is over or cancelled (its reservations stand or ended with it), or there is no
            // reservation made with that card (never made, already ended, or made again with a new card)
            throw RuleViolation.notFound("benefit.nothing-to-end", "No reservation of this event to end for this card.");
        }
        end(holder, ReservationEnd.CARD_CANCELLED, now);
    }

    /** Ends a live reservation; a freed seat goes to the first waiting holder. */
    private void end(ParticipantId holder, ReservationEnd cause, Instant now) {
        boolean seated = confirmed.containsKey(holder);
        String card = seated ? confirmed.get(holder) : waitlist.get(holder);
        apply(new ReservationCancelled(eventId, holder, card, seated ? ReservationStatus.CONFIRMED : ReservationStatus.WAITLISTED,
                cause, now));
        promoteIntoFreeSeats(now);
    }

    /** Seats free and holders waiting: the first in line gets a seat, until there are no free seats or nobody waits. */
    private void promoteIntoFreeSeats(Instant now) {
        while (confirmed.size() < seats && !waitlist.isEmpty()) {
            Map.Entry<ParticipantId, String> first = waitlist.entrySet().iterator().next();
            apply(new ReservationPromoted(eventId, first.getKey(), first.getValue(), now));
        }
    }

    /** Refuses once the event is cancelled ({@code benefit.event-cancelled}) or has started ({@code benefit.event-past}). */
    private void requireNotStarted(Instant now) {
        if (cancelled) {
            throw RuleViolation.refused("benefit.event-cancelled", "This event is cancelled.");
        }
        if (hasStarted(now)) {
            throw RuleViolation.refused("benefit.event-past", "This event has started: its reservations are final.");
        }
    }

    private boolean hasStarted(Instant now) {
        return !now.isBefore(startsAt);
    }

    private Occupancy occupancy() {
        return new Occupancy(seats, confirmed.size(), waitlist.size());
    }

    @EventSourcingHandler
    void on(CardEventScheduled event) {
        id = event.eventId().aggregateId();
        eventId = event.eventId();
        startsAt = event.startsAt();
        seats = event.seats();
    }

    @EventSourcingHandler
    void on(CardEventSeatsChanged event) {
        seats = event.toSeats();
    }

    @EventSourcingHandler
    void on(CardEventCancelled event) {
        cancelled = true;
        // nothing more can be decided about its reservations: the memory goes
        confirmed.clear();
        waitlist.clear();
    }

    @EventSourcingHandler
    void on(ReservationConfirmed event) {
        confirmed.put(event.participantId(), event.cardId());
    }

    @EventSourcingHandler
    void on(ReservationWaitlisted event) {
        waitlist.put(event.participantId(), event.cardId());
    }

    @EventSourcingHandler
    void on(ReservationPromoted event) {
        waitlist.remove(event.participantId());
        confirmed.put(event.participantId(), event.cardId());
    }

    @EventSourcingHandler
    void on(ReservationCancelled event) {
        confirmed.remove(event.participantId());
        waitlist.remove(event.participantId());
    }
}
