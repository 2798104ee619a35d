package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import org.axonframework.serialization.Revision;

/**
 * The batch's agent entered a paper ballot under its number, campaign-wide unique. It counts only
 * once its batch is confirmed, and not if it is voided first. {@code voter} is a reference in the
 * scope {@code budget:<year>}, {@code enteredBy} a staff reference. Its content is as a {@link BallotCast}'s:
 * choices for an approval campaign, {@code grades} (integers 0 to 3, in project id order) and the arrondissement
 * named for a majority-judgment one.
 */
@Revision("2")
public record PaperBallotEntered(CampaignYear year, String batchId, BallotNumber ballotNumber, ParticipantId voter, List<ProjectId> parisWide,
                                 Integer arrondissement, List<ProjectId> arrondissementProjects,
                                 SortedMap<String, Integer> grades, ParticipantId enteredBy, Instant enteredAt) {

    public PaperBallotEntered {
        grades = Grades.sorted(grades);
    }

    /** An approval paper ballot. */
    public PaperBallotEntered(CampaignYear year, String batchId, BallotNumber ballotNumber, ParticipantId voter, List<ProjectId> parisWide,
                              Integer arrondissement, List<ProjectId> arrondissementProjects, ParticipantId enteredBy,
                              Instant enteredAt) {
        this(year, batchId, ballotNumber, voter, parisWide, arrondissement, arrondissementProjects, null, enteredBy, enteredAt);
    }
}
