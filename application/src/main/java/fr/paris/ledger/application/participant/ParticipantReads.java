package fr.paris.ledger.application.participant;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import org.springframework.stereotype.Service;

/** A participant's own references, and who a staff reference names (docs/privacy.md); neither creates a key. */
@Service
public class ParticipantReads {
    private final Participants participants;

    public ParticipantReads(Participants participants) {
        this.participants = participants;
    }

    /** The caller's reference in {@code scope}, as the public export shows it; 404 {@code participant.not-found} without a key. */
    public ParticipantId reference(Caller caller, String scope) {
        if (!ReferenceScope.isValid(scope)) {
            throw new InvalidRequest("scope", "card, petition:<id>, petition-author:<id>, comment:<petition>, budget:<year>, "
                    + "budget-author:<year> or council:<council>");
        }
        return participants.existingReference(caller.subject(), new ReferenceScope(scope))
                .orElseThrow(() -> RuleViolation.notFound("participant.not-found", "You have no act in the ledger."));
    }

    /** The staff member (their identity-provider subject) a staff reference names; 404 {@code staff.not-found}. */
    public String staffMember(String reference) {
        return participants.staffMember(reference)
                .orElseThrow(() -> RuleViolation.notFound("staff.not-found", "No staff member has this reference."));
    }
}
