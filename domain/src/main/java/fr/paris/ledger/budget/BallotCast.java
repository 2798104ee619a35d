package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A resident's online ballot; a later one of the same voter replaces it. {@code voter} is a reference in the scope {@code budget:<year>}. */
@Revision("2")
public record BallotCast(int year, ParticipantId voter, List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects, Instant castAt) {
}
