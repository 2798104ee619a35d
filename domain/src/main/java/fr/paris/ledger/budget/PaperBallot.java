package fr.paris.ledger.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A paper ballot, identified by its number: entered once. */
public class PaperBallot {

    @AggregateIdentifier
    private String id;
    private ParticipantId voter;
    private boolean setAside;

    protected PaperBallot() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EnterPaperBallot command, Clock clock, BudgetDirectory budget) {
        if (id != null) {
            throw RuleViolation.conflict("budget.duplicate-paper-ballot",
                    "Paper ballot " + command.paperBallotId().ballotNumber() + " was entered already.");
        }
        int year = command.paperBallotId().year();
        CampaignFacts campaign = BudgetProject.requirePhase(budget, year, Phase.VOTING);
        BallotRules.check(campaign.rules(), BallotRules.options(budget.projects(year)), command.parisWide(),
                command.arrondissement(), command.arrondissementProjects());
        apply(new PaperBallotEntered(year, command.paperBallotId().ballotNumber(), command.voter(), command.parisWide(),
                command.arrondissementProjects().isEmpty() ? null : command.arrondissement(),
                command.arrondissementProjects(), command.by(), clock.instant()));
    }

    @CommandHandler
    public void handle(SetPaperBallotAside command, Clock clock, BudgetDirectory budget) {
        BudgetProject.requirePhase(budget, command.paperBallotId().year(), Phase.VOTING);
        if (setAside || !voter.equals(command.voter())) {
            throw RuleViolation.notFound("budget.no-ballot", "No such paper ballot of this voter.");
        }
        apply(new PaperBallotSetAside(command.paperBallotId().year(), command.paperBallotId().ballotNumber(),
                voter, clock.instant()));
    }

    @EventSourcingHandler
    void on(PaperBallotEntered event) {
        id = new PaperBallotId(event.year(), event.ballotNumber()).toString();
        voter = event.voter();
    }

    @EventSourcingHandler
    void on(PaperBallotSetAside event) {
        setAside = true;
    }
}
