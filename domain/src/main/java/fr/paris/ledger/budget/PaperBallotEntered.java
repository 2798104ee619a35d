package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The batch's agent entered a paper ballot under its number, campaign-wide unique. It counts only
 * once its batch is confirmed, and not if it is voided first. {@code voter} is a reference in the
 * scope {@code budget:<year>}, {@code enteredBy} a staff reference.
 */
@Revision("2")
public record PaperBallotEntered(int year, String batchId, String ballotNumber, ParticipantId voter, List<ProjectId> parisWide,
                                 Integer arrondissement, List<ProjectId> arrondissementProjects, ParticipantId enteredBy,
                                 Instant enteredAt) {
}
