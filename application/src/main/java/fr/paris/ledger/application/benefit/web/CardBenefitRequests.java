package fr.paris.ledger.application.benefit.web;

import fr.paris.ledger.application.api.validation.Text;
import fr.paris.ledger.application.api.validation.WellFormed;
import fr.paris.ledger.application.benefit.CardBenefitActs;
import fr.paris.ledger.benefit.BenefitKind;
import fr.paris.ledger.benefit.CardEventId;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;

/** Bodies of the card-benefit endpoints; boxed types and strings, so that each bad field gets its own message. */
final class CardBenefitRequests {
    private static final String SEATS = "required, 0 to " + CardBenefitActs.MAX_SEATS;

    private CardBenefitRequests() {
    }

    /** {@code startsAt}: an ISO-8601 instant ({@code 2027-03-20T18:30:00Z}). */
    record CardEventScheduleRequest(
            @WellFormed(value = CardEventId.class,
                    message = "required, 1 to 64 letters, digits or dashes, not starting with a dash") String eventId,
            @WellFormed(value = BenefitKind.class, method = "valueOf", message = "required, EVENT or WORKSHOP") String kind,
            @Text(max = 200) String title,
            @WellFormed(value = CardBenefitActs.class, method = "isStart",
                    message = "required, an ISO-8601 instant such as 2027-03-20T18:30:00Z, before the year 3000") String startsAt,
            @NotNull(message = SEATS) @Min(value = 0, message = SEATS) @Max(value = CardBenefitActs.MAX_SEATS, message = SEATS)
            Integer seats) {

        CardEventId id() {
            return new CardEventId(eventId);
        }

        BenefitKind benefitKind() {
            return BenefitKind.valueOf(kind);
        }

        Instant start() {
            return Instant.parse(startsAt);
        }
    }

    record CardEventSeatsRequest(
            @NotNull(message = SEATS) @Min(value = 0, message = SEATS) @Max(value = CardBenefitActs.MAX_SEATS, message = SEATS)
            Integer seats) {
    }

    record CardEventCancelRequest(@Text(max = 500) String reason) {
    }
}
