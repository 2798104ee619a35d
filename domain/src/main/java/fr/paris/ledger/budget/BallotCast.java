package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import org.axonframework.serialization.Revision;

/**
 * A resident's online ballot; a later one of the same voter replaces it. {@code voter} is a reference in the scope
 * {@code budget:<year>}.
 *
 * <p>An approval ballot holds its choices ({@code parisWide}, {@code arrondissementProjects}, and the arrondissement
 * only with arrondissement projects) and no {@code grades}. A majority-judgment ballot holds {@code grades}: project
 * id to grade, 0 to 3, in project id order, integers only; the arrondissement it names (it judges that
 * arrondissement's projects, an ungraded one at 0), or none; and empty choice lists. Events recorded before
 * majority judgment existed have no {@code grades}, read as null.
 */
@Revision("2")
public record BallotCast(CampaignYear year, ParticipantId voter, List<ProjectId> parisWide, Integer arrondissement,
                         List<ProjectId> arrondissementProjects, SortedMap<String, Integer> grades, Instant castAt) {

    public BallotCast {
        grades = Grades.sorted(grades);
    }

    /** An approval ballot. */
    public BallotCast(CampaignYear year, ParticipantId voter, List<ProjectId> parisWide, Integer arrondissement,
                      List<ProjectId> arrondissementProjects, Instant castAt) {
        this(year, voter, parisWide, arrondissement, arrondissementProjects, null, castAt);
    }
}
