package fr.paris.ledger.application.card;

/** Bodies of the citizen-card endpoints. Fields are strings so that each bad one gets its own message. */
final class CardRequests {
    private CardRequests() {
    }

    /** {@code {}} for oneself; an agent acting on someone's behalf gives all four fields. */
    record Issue(String participantId, String birthdate, String postalCode, String channel) {
    }

    record Cancel(String reason) {
    }

    record Residence(String postalCode) {
    }
}
