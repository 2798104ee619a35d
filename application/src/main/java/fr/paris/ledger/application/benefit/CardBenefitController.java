package fr.paris.ledger.application.benefit;

import static fr.paris.ledger.application.api.Requests.answer;
import static fr.paris.ledger.application.api.Requests.text;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.benefit.BenefitKind;
import fr.paris.ledger.benefit.CancelCardEvent;
import fr.paris.ledger.benefit.CancelReservation;
import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.benefit.ChangeCardEventSeats;
import fr.paris.ledger.benefit.Occupancy;
import fr.paris.ledger.benefit.Reservation;
import fr.paris.ledger.benefit.ReservationStatus;
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
import fr.paris.ledger.infra.projection.ReadYourWrites;
import fr.paris.ledger.projections.benefit.CardBenefitProjection;
import fr.paris.ledger.projections.benefit.CardBenefitQueries;
import fr.paris.ledger.projections.benefit.CardEventView;
import fr.paris.ledger.projections.benefit.ReservationView;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Citizen card benefits: events and workshops with seats reserved for card holders, their waiting
 * lists, and the public page of each (docs/card-benefits.md). A holder reserves under their reference
 * in the scope {@code card}, the same as their card's.
 */
@RestController
@RequestMapping("/api/v1/card-events")
@Tag(name = "Citizen card benefits", description = "Seats at city events and Ateliers Citoyens for card holders")
public class CardBenefitController {
    /** The most seats an event may offer card holders. */
    static final int MAX_SEATS = 100_000;
    /** Events are scheduled before this instant (and a database timestamp holds it). */
    static final Instant LATEST_START = Instant.parse("3000-01-01T00:00:00Z");
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final LedgerCommands commands;
    private final CardBenefitQueries benefits;
    private final Participants participants;
    private final CardDirectory cards;
    private final ReservationIndex index;
    private final ReservationLine line;
    private final ReadYourWrites readYourWrites;

    public CardBenefitController(LedgerCommands commands, CardBenefitQueries benefits, Participants participants,
                                 CardDirectory cards, ReservationIndex index, ReservationLine line,
                                 ReadYourWrites readYourWrites) {
        this.commands = commands;
        this.benefits = benefits;
        this.participants = participants;
        this.cards = cards;
        this.index = index;
        this.line = line;
        this.readYourWrites = readYourWrites;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('AGENT', 'ADMIN')")
    @Operation(summary = "Schedule an event or workshop with seats for card holders (it must not have started)")
    public ResponseEntity<Map<String, Object>> schedule(@RequestBody CardBenefitRequests.Schedule body, Authentication auth) {
        List<FieldProblem> errors = new ArrayList<>();
        if (!CardEventId.isWellFormed(body.eventId())) {
            errors.add(new FieldProblem("eventId", "required, 1 to 64 letters, digits or dashes, not starting with a dash"));
        }
        BenefitKind kind = null;
        try {
            kind = body.kind() == null ? null : BenefitKind.valueOf(body.kind());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (kind == null) {
            errors.add(new FieldProblem("kind", "required, EVENT or WORKSHOP"));
        }
        text(errors, "title", body.title(), 1, 200);
        Instant startsAt = instant(errors, "startsAt", body.startsAt());
        seats(errors, body.seats());
        refuseIfAny(errors);
        CardEventId id = new CardEventId(body.eventId());
        Accepted<Occupancy> accepted = commands.send(new ScheduleCardEvent(id, kind, body.title().strip(), startsAt, body.seats(),
                participants.staff(Caller.from(auth).subject())));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("eventId", id.value(), "kind", kind.name(),
                "title", body.title().strip(), "startsAt", startsAt, "seats", body.seats(), "confirmed", 0, "waitlisted", 0,
                "status", "SCHEDULED", "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @GetMapping
    @Operation(summary = "Events and workshops by start time, paged with ?limit=&after= (public)")
    public Map<String, Object> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidRequest("limit", "1 to " + MAX_PAGE);
        }
        Cursor from = after == null ? null : Cursor.parse(after);
        List<CardEventView> items = benefits.events(from == null ? null : from.startsAt(), from == null ? null : from.eventId(),
                size + 1);
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items.subList(0, Math.min(size, items.size())));
        if (items.size() > size) {
            CardEventView last = items.get(size - 1);
            page.put("next", new Cursor(last.startsAt(), last.eventId()).toString());
        }
        return page;
    }

    @GetMapping("/{eventId}")
    @Operation(summary = "An event or workshop: seats, confirmed, waitlisted, status (public)")
    public CardEventView get(@PathVariable String eventId) {
        return benefits.event(parse(eventId).value()).orElseThrow(CardBenefitController::notFound);
    }

    @PostMapping("/{eventId}/seats")
    @PreAuthorize("hasAnyRole('AGENT', 'ADMIN')")
    @Operation(summary = "Set the seats for card holders: more seats promote waiting holders in order; never below the confirmed")
    public Map<String, Object> seats(@PathVariable String eventId, @RequestBody CardBenefitRequests.Seats body,
                                     Authentication auth) {
        CardEventId id = parse(eventId);
        List<FieldProblem> errors = new ArrayList<>();
        seats(errors, body.seats());
        refuseIfAny(errors);
        ParticipantId agent = participants.staff(Caller.from(auth).subject());
        Accepted<Occupancy> accepted = toEvent(id, new ChangeCardEventSeats(id, body.seats(), agent));
        Occupancy after = accepted.result();
        return answer("eventId", id.value(), "seats", after.seats(), "confirmed", after.confirmed(),
                "waitlisted", after.waitlisted(), "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/{eventId}/cancel")
    @PreAuthorize("hasAnyRole('AGENT', 'ADMIN')")
    @Operation(summary = "Cancel an event that has not started: every reservation ends")
    public Map<String, Object> cancel(@PathVariable String eventId, @RequestBody CardBenefitRequests.Cancel body,
                                      Authentication auth) {
        CardEventId id = parse(eventId);
        List<FieldProblem> errors = new ArrayList<>();
        text(errors, "reason", body.reason(), 1, 500);
        refuseIfAny(errors);
        ParticipantId agent = participants.staff(Caller.from(auth).subject());
        Accepted<Occupancy> accepted = toEvent(id, new CancelCardEvent(id, body.reason().strip(), agent));
        return answer("eventId", id.value(), "status", "CANCELLED", "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/{eventId}/reservations")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Reserve a place with one's ACTIVE card: a seat while seats remain, else a place on the waiting list")
    public ResponseEntity<Map<String, Object>> reserve(@PathVariable String eventId, Authentication auth) {
        CardEventId id = parse(eventId);
        Optional<Subject> subject = participants.subjects().find(Caller.from(auth).subject());
        subject.ifPresent(Subject::requireNotErasing);
        ParticipantId holder = subject.map(s -> Participants.reference(s, ReferenceScope.card())).orElse(null);
        String card = holder == null ? null : cards.activeCard(CardHolderId.of(holder)).orElse(null);
        if (card == null) {
            throw RuleViolation.refused("benefit.no-card", "Card benefits are for holders of an ACTIVE citizen card.");
        }
        // before the act: whatever must later end this holder's reservations finds it, whatever the read models' lag
        index.record(holder, id);
        Accepted<Reservation> accepted = toEvent(id, new ReserveSeat(id, holder, card));
        Reservation r = accepted.result();
        Map<String, Object> body = answer("eventId", id.value(), "status", r.status().name());
        if (r.status() == ReservationStatus.WAITLISTED) {
            body.put("position", r.position());
        }
        body.put("receipt", ReceiptJson.of(accepted.receipt()));
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @GetMapping("/{eventId}/reservations/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "One's reservation: CONFIRMED, WAITLISTED with its position, or CANCELLED (404 benefit.no-reservation)")
    public Map<String, Object> mine(@PathVariable String eventId, Authentication auth) {
        CardEventId id = parse(eventId);
        ParticipantId holder = participants.existingReference(Caller.from(auth).subject(), ReferenceScope.card())
                .orElseThrow(CardBenefitController::noReservation);
        // read your own writes: the read model first passes the event's stream as it is now, the caller's last act included
        readYourWrites.awaitAggregate(CardBenefitProjection.NAME, id.aggregateId());
        ReservationView r = benefits.reservation(id.value(), holder.value()).orElseThrow(CardBenefitController::noReservation);
        Map<String, Object> body = answer("eventId", id.value(), "status", r.status());
        if (r.position() != null) {
            body.put("position", r.position());
        }
        if (r.cancellation() != null) {
            body.put("cancellation", r.cancellation());
        }
        return body;
    }

    @DeleteMapping("/{eventId}/reservations/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Cancel one's reservation before the event starts: a freed seat goes to the first waiting holder")
    public Map<String, Object> cancelMine(@PathVariable String eventId, Authentication auth) {
        CardEventId id = parse(eventId);
        Optional<Subject> subject = participants.subjects().find(Caller.from(auth).subject());
        subject.ifPresent(Subject::requireNotErasing);
        // no key yet: no reservation either; the aggregate still says whether the event is cancelled, started or unknown
        ParticipantId holder = subject.map(s -> Participants.reference(s, ReferenceScope.card())).orElse(new ParticipantId("r-none"));
        Accepted<Object> accepted = toEvent(id, new CancelReservation(id, holder));
        return answer("eventId", id.value(), "status", "CANCELLED", "receipt", ReceiptJson.of(accepted.receipt()));
    }

    /** Sends a command to the event's aggregate, in this node's line for it; an unknown event is a 404. */
    private <R> Accepted<R> toEvent(CardEventId id, Object command) {
        try {
            return line.inLine(id, () -> commands.sendToHotAggregate(command));
        } catch (AggregateNotFoundException e) {
            throw notFound();
        }
    }

    private static void refuseIfAny(List<FieldProblem> errors) {
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    private static void seats(List<FieldProblem> errors, Integer seats) {
        if (seats == null || seats < 0 || seats > MAX_SEATS) {
            errors.add(new FieldProblem("seats", "required, 0 to " + MAX_SEATS));
        }
    }

    private static Instant instant(List<FieldProblem> errors, String field, String value) {
        try {
            Instant parsed = value == null ? null : Instant.parse(value);
            if (parsed != null && parsed.isBefore(LATEST_START)) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        errors.add(new FieldProblem(field, "required, an ISO-8601 instant such as 2027-03-20T18:30:00Z, before the year 3000"));
        return null;
    }

    private static CardEventId parse(String eventId) {
        if (!CardEventId.isWellFormed(eventId)) {
            throw notFound();
        }
        return new CardEventId(eventId);
    }

    private static RuleViolation notFound() {
        return RuleViolation.notFound("benefit.not-found", "No such event or workshop.");
    }

    private static RuleViolation noReservation() {
        return RuleViolation.notFound("benefit.no-reservation", "You have no reservation for this event.");
    }

    /** Where a page of events ends: its last event's start and id, written as an opaque string. */
    record Cursor(Instant startsAt, String eventId) {
        static Cursor parse(String value) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                long micros = Long.parseLong(raw.substring(0, colon));
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                String id = raw.substring(colon + 1);
                if (CardEventId.isWellFormed(id) && at.isBefore(LATEST_START)) {
                    return new Cursor(at, id);
                }
            } catch (IllegalArgumentException | IndexOutOfBoundsException | ArithmeticException e) {
                // reported below
            }
            throw new InvalidRequest("after", "the next cursor of a previous page");
        }

        @Override
        public String toString() {
            long micros = startsAt.getEpochSecond() * 1_000_000L + startsAt.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + eventId).getBytes(StandardCharsets.UTF_8));
        }
    }
}
