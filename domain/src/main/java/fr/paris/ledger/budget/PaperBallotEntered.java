package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** An agent entered a paper ballot under its unique number. */
@Revision("2")
public record PaperBallotEntered(int year, String ballotNumber, ParticipantId voter, List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects, ParticipantId enteredBy, Instant enteredAt) {
}
