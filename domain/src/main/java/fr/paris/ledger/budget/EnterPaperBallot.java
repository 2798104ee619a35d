package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The batch's agent enters a paper ballot under its number. */
public record EnterPaperBallot(@TargetAggregateIdentifier PaperBatchId batchId, String ballotNumber, ParticipantId voter,
                               List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects,
                               ParticipantId by) {
}
