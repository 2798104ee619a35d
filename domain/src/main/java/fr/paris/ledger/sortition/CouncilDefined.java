package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A council was defined. */
@Revision("2")
public record CouncilDefined(CouncilId councilId, String name, int seats, Integer minAge, Integer maxAge,
                             boolean residentsOnly, Map<String, Integer> quotas, int mandateMonths, boolean renewable,
                             ParticipantId definedBy, Instant definedAt) {
    public CouncilRules rules() {
        return new CouncilRules(seats, minAge, maxAge, residentsOnly, quotas, mandateMonths, renewable);
    }
}
