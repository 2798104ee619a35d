package fr.paris.ledger.application.benefit.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.benefit.CardBenefitReads;
import fr.paris.ledger.benefit.Occupancy;
import fr.paris.ledger.benefit.Reservation;
import fr.paris.ledger.benefit.ReservationStatus;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.projections.benefit.CardEventView;
import fr.paris.ledger.projections.benefit.ReservationView;
import java.time.Instant;
import java.util.List;

/** The answers of the card-benefit endpoints (an event's public page is the read model's {@link CardEventView}). */
public final class CardBenefitAnswers {
    private CardBenefitAnswers() {
    }

    /** A page of events, as api.md's paging convention says: {@code next} absent on the last page. */
    public record CardEventPageJson(List<CardEventView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
        static CardEventPageJson of(CardBenefitReads.Page page) {
            return new CardEventPageJson(page.items(), page.next() == null ? null : page.next().toString());
        }
    }

    /** A new event: nobody has a seat or waits yet. */
    public record CardEventScheduledJson(String eventId, String kind, String title, Instant startsAt, int seats, int confirmed,
                                         int waitlisted, String status, ReceiptJson receipt) {
    }

    public record CardEventSeatsJson(String eventId, int seats, int confirmed, int waitlisted, ReceiptJson receipt) {
        static CardEventSeatsJson of(String eventId, Accepted<Occupancy> accepted) {
            Occupancy after = accepted.result();
            return new CardEventSeatsJson(eventId, after.seats(), after.confirmed(), after.waitlisted(),
                    ReceiptJson.of(accepted.receipt()));
        }
    }

    /** An event cancelled, or one's reservation of it. */
    public record CardEventCancelledJson(String eventId, String status, ReceiptJson receipt) {
        static CardEventCancelledJson of(String eventId, Accepted<?> accepted) {
            return new CardEventCancelledJson(eventId, "CANCELLED", ReceiptJson.of(accepted.receipt()));
        }
    }

    /** A reservation made: {@code position} only on the waiting list. */
    public record ReservationJson(String eventId, String status, @JsonInclude(JsonInclude.Include.NON_NULL) Integer position,
                                  ReceiptJson receipt) {
        static ReservationJson of(String eventId, Accepted<Reservation> accepted) {
            Reservation r = accepted.result();
            return new ReservationJson(eventId, r.status().name(), r.status() == ReservationStatus.WAITLISTED ? r.position() : null,
                    ReceiptJson.of(accepted.receipt()));
        }
    }

    /** One's reservation as the read model has it: {@code position} while waiting, {@code cancellation} once cancelled. */
    public record MyReservationJson(String eventId, String status, @JsonInclude(JsonInclude.Include.NON_NULL) Integer position,
                                    @JsonInclude(JsonInclude.Include.NON_NULL) String cancellation) {
        static MyReservationJson of(String eventId, ReservationView r) {
            return new MyReservationJson(eventId, r.status(), r.position(), r.cancellation());
        }
    }
}
