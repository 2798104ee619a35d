package fr.paris.ledger.application.petition;

import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.shared.RuleViolation;

/** A petition named in a request: a malformed id is a petition that does not exist. */
final class PetitionIds {
    private PetitionIds() {
    }

    static PetitionId parse(String id) {
        if (!PetitionId.isWellFormed(id)) {
            throw notFound(id);
        }
        return new PetitionId(id);
    }

    static RuleViolation notFound(PetitionId id) {
        return notFound(id.value());
    }

    static RuleViolation notFound(String id) {
        return RuleViolation.notFound("petition.not-found", "No petition " + id + ".");
    }
}
