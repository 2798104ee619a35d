package fr.paris.ledger.budget;

import fr.paris.ledger.shared.PostalCode;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A resident casts (or replaces) their online ballot: choices in an approval campaign, {@code grades} (project to
 * 0..3) in a majority-judgment one; the fields of the other method are empty (or null).
 */
public record CastBallot(@TargetAggregateIdentifier BallotId ballotId, PostalCode postalCode, List<ProjectId> parisWide,
                         Integer arrondissement, List<ProjectId> arrondissementProjects, Map<ProjectId, Integer> grades) {

    /** An approval ballot. */
    public CastBallot(BallotId ballotId, PostalCode postalCode, List<ProjectId> parisWide, Integer arrondissement,
                      List<ProjectId> arrondissementProjects) {
        this(ballotId, postalCode, parisWide, arrondissement, arrondissementProjects, null);
    }

    /** A majority-judgment ballot. */
    public static CastBallot graded(BallotId ballotId, PostalCode postalCode, Integer arrondissement,
                                    Map<ProjectId, Integer> grades) {
        return new CastBallot(ballotId, postalCode, List.of(), arrondissement, List.of(), grades);
    }
}
