package fr.paris.ledger.application.benefit;

/** Bodies of the card-benefit endpoints; boxed types and strings, so that each bad field gets its own message. */
final class CardBenefitRequests {
    private CardBenefitRequests() {
    }

    /** {@code startsAt}: an ISO-8601 instant ({@code 2027-03-20T18:30:00Z}). */
    record Schedule(String eventId, String kind, String title, String startsAt, Integer seats) {
    }

    record Seats(Integer seats) {
    }

    record Cancel(String reason) {
    }
}
