package fr.paris.ledger.budget;

import fr.paris.ledger.shared.PostalCode;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A resident casts (or replaces) their online ballot. */
public record CastBallot(@TargetAggregateIdentifier BallotId ballotId, PostalCode postalCode, List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects) {
}
