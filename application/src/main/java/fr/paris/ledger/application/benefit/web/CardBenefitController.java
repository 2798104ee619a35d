package fr.paris.ledger.application.benefit.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.benefit.CardBenefitActs;
import fr.paris.ledger.application.benefit.CardBenefitReads;
import fr.paris.ledger.application.benefit.web.CardBenefitAnswers.CardEventCancelledJson;
import fr.paris.ledger.application.benefit.web.CardBenefitAnswers.CardEventPageJson;
import fr.paris.ledger.application.benefit.web.CardBenefitAnswers.CardEventScheduledJson;
import fr.paris.ledger.application.benefit.web.CardBenefitAnswers.CardEventSeatsJson;
import fr.paris.ledger.application.benefit.web.CardBenefitAnswers.MyReservationJson;
import fr.paris.ledger.application.benefit.web.CardBenefitAnswers.ReservationJson;
import fr.paris.ledger.application.benefit.web.CardBenefitRequests.CardEventCancelRequest;
import fr.paris.ledger.application.benefit.web.CardBenefitRequests.CardEventScheduleRequest;
import fr.paris.ledger.application.benefit.web.CardBenefitRequests.CardEventSeatsRequest;
import fr.paris.ledger.benefit.Occupancy;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.benefit.CardEventView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.time.Instant;
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
 * lists, and the public page of each (docs/card-benefits.md).
 */
@RestController
@RequestMapping("/api/v1/card-events")
@Tag(name = "Citizen card benefits", description = "Seats at city events and Ateliers Citoyens for card holders")
public class CardBenefitController {
    private final CardBenefitActs acts;
    private final CardBenefitReads reads;

    public CardBenefitController(CardBenefitActs acts, CardBenefitReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('AGENT', 'ADMIN')")
    @Operation(summary = "Schedule an event or workshop with seats for card holders (it must not have started)")
    public ResponseEntity<CardEventScheduledJson> schedule(@Valid @RequestBody CardEventScheduleRequest body, Authentication auth) {
        String title = body.title().strip();
        Instant startsAt = body.start();
        Accepted<Occupancy> accepted = acts.schedule(Caller.from(auth), body.id(), body.benefitKind(), title, startsAt, body.seats());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CardEventScheduledJson(body.eventId(), body.kind(), title,
                startsAt, body.seats(), 0, 0, "SCHEDULED", ReceiptJson.of(accepted.receipt())));
    }

    @GetMapping
    @Operation(summary = "Events and workshops by start time, paged with ?limit=&after= (public)")
    public CardEventPageJson list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String after) {
        return CardEventPageJson.of(reads.events(limit, after));
    }

    @GetMapping("/{eventId}")
    @Operation(summary = "An event or workshop: seats, confirmed, waitlisted, status (public)")
    public CardEventView get(@PathVariable String eventId) {
        return reads.event(eventId);
    }

    @PostMapping("/{eventId}/seats")
    @PreAuthorize("hasAnyRole('AGENT', 'ADMIN')")
    @Operation(summary = "Set the seats for card holders: more seats promote waiting holders in order; never below the confirmed")
    public CardEventSeatsJson seats(@PathVariable String eventId, @Valid @RequestBody CardEventSeatsRequest body,
                                    Authentication auth) {
        return CardEventSeatsJson.of(eventId, acts.changeSeats(Caller.from(auth), eventId, body.seats()));
    }

    @PostMapping("/{eventId}/cancel")
    @PreAuthorize("hasAnyRole('AGENT', 'ADMIN')")
    @Operation(summary = "Cancel an event that has not started: every reservation ends")
    public CardEventCancelledJson cancel(@PathVariable String eventId, @Valid @RequestBody CardEventCancelRequest body,
                                         Authentication auth) {
        return CardEventCancelledJson.of(eventId, acts.cancel(Caller.from(auth), eventId, body.reason().strip()));
    }

    @PostMapping("/{eventId}/reservations")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Reserve a place with one's ACTIVE card: a seat while seats remain, else a place on the waiting list")
    public ResponseEntity<ReservationJson> reserve(@PathVariable String eventId, Authentication auth) {
        return ResponseEntity.status(HttpStatus.CREATED).body(ReservationJson.of(eventId, acts.reserve(Caller.from(auth), eventId)));
    }

    @GetMapping("/{eventId}/reservations/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "One's reservation: CONFIRMED, WAITLISTED with its position, or CANCELLED (404 benefit.no-reservation)")
    public MyReservationJson mine(@PathVariable String eventId, Authentication auth) {
        return MyReservationJson.of(eventId, reads.myReservation(Caller.from(auth), eventId));
    }

    @DeleteMapping("/{eventId}/reservations/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Cancel one's reservation before the event starts: a freed seat goes to the first waiting holder")
    public CardEventCancelledJson cancelMine(@PathVariable String eventId, Authentication auth) {
        return CardEventCancelledJson.of(eventId, acts.cancelReservation(Caller.from(auth), eventId));
    }
}
