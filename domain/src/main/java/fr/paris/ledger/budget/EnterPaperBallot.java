package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The batch's agent enters a paper ballot under its number: choices in an approval campaign, {@code grades}
 * (project to 0..3) in a majority-judgment one.
 */
public record EnterPaperBallot(@TargetAggregateIdentifier PaperBatchId batchId, BallotNumber ballotNumber, ParticipantId voter,
                               List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects,
                               Map<ProjectId, Integer> grades, ParticipantId by) {

    /** An approval paper ballot. */
    public EnterPaperBallot(PaperBatchId batchId, BallotNumber ballotNumber, ParticipantId voter, List<ProjectId> parisWide,
                            Integer arrondissement, List<ProjectId> arrondissementProjects, ParticipantId by) {
        this(batchId, ballotNumber, voter, parisWide, arrondissement, arrondissementProjects, null, by);
    }
}
