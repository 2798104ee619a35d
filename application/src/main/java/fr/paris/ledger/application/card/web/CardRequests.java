package fr.paris.ledger.application.card.web;

import fr.paris.ledger.application.api.validation.WellFormed;
import fr.paris.ledger.application.card.CardActs;
import fr.paris.ledger.shared.PostalCode;
import jakarta.validation.constraints.Size;

/** Bodies of the citizen-card endpoints. Fields are strings so that each bad one gets its own message. */
final class CardRequests {
    private CardRequests() {
    }

    /**
     * {@code {}} for oneself; an agent acting on someone's behalf gives all four fields. No constraint
     * here: the fields count only when a participant is named, and only once the caller is known to be
     * an agent, so {@link CardActs#issue} checks them.
     */
    record CardIssueRequest(String participantId, String birthdate, String postalCode, String channel) {
        CardActs.OnBehalf onBehalf() {
            return participantId == null ? null : new CardActs.OnBehalf(participantId, birthdate, postalCode, channel);
        }
    }

    record CardCancelRequest(@Size(max = 500, message = "at most 500 characters") String reason) {
    }

    record CardResidenceRequest(@WellFormed(value = PostalCode.class, message = "required, five digits") String postalCode) {
    }
}
