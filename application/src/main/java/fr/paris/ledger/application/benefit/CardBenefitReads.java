package fr.paris.ledger.application.benefit;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.projection.ReadYourWrites;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.benefit.CardBenefitProjection;
import fr.paris.ledger.projections.benefit.CardBenefitQueries;
import fr.paris.ledger.projections.benefit.CardEventView;
import fr.paris.ledger.projections.benefit.ReservationView;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.springframework.stereotype.Service;

/** The reads of card benefits: the public pages of events, and a holder's own reservation. */
@Service
public class CardBenefitReads {
    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 200;

    private final CardBenefitQueries benefits;
    private final Participants participants;
    private final ReadYourWrites readYourWrites;

    public CardBenefitReads(CardBenefitQueries benefits, Participants participants, ReadYourWrites readYourWrites) {
        this.benefits = benefits;
        this.participants = participants;
        this.readYourWrites = readYourWrites;
    }

    /** A page of events by start time; {@code next} is null on the last page. */
    public record Page(List<CardEventView> items, Cursor next) {
    }

    /** Events and workshops by start time: {@code limit} 1 to 200 (50 when absent), from after the cursor {@code after}. */
    public Page events(Integer limit, String after) {
        int size = limit == null ? DEFAULT_PAGE : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw new InvalidRequest("limit", "1 to " + MAX_PAGE);
        }
        Cursor from = after == null ? null : Cursor.parse(after);
        List<CardEventView> items = benefits.events(from == null ? null : from.startsAt(), from == null ? null : from.eventId(),
                size + 1);
        if (items.size() <= size) {
            return new Page(items, null);
        }
        CardEventView last = items.get(size - 1);
        return new Page(items.subList(0, size), new Cursor(last.startsAt(), last.eventId()));
    }

    public CardEventView event(String eventId) {
        return benefits.event(CardBenefitActs.eventId(eventId).value()).orElseThrow(CardBenefitActs::notFound);
    }

    /** The caller's reservation, once the read model has passed the event's stream as it is now (their last act included). */
    public ReservationView myReservation(Caller caller, String eventId) {
        CardEventId id = CardBenefitActs.eventId(eventId);
        ParticipantId holder = participants.existingReference(caller.subject(), ReferenceScope.card())
                .orElseThrow(CardBenefitReads::noReservation);
        // read your own writes: the read model first passes the event's stream as it is now, the caller's last act included
        readYourWrites.awaitAggregate(CardBenefitProjection.NAME, id.aggregateId());
        return benefits.reservation(id.value(), holder.value()).orElseThrow(CardBenefitReads::noReservation);
    }

    private static RuleViolation noReservation() {
        return RuleViolation.notFound("benefit.no-reservation", "You have no reservation for this event.");
    }

    /** Where a page of events ends: its last event's start and id, written as an opaque string. */
    public record Cursor(Instant startsAt, String eventId) {
        static Cursor parse(String value) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                long micros = Long.parseLong(raw.substring(0, colon));
                Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
                String id = raw.substring(colon + 1);
                if (CardEventId.isWellFormed(id) && at.isBefore(CardBenefitActs.LATEST_START)) {
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
