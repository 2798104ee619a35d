package fr.paris.ledger.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One voter's online ballot in one campaign. It shares nothing with other ballots: the campaign's
 * phase, rules and ballot options come from the {@link BudgetDirectory}. A new ballot replaces the
 * previous one; concurrent replacements are serialised on this aggregate, and the last one counts. Choices or
 * grades, by the campaign's {@link BallotMethod}: {@link BallotRules#check}.
 */
public class Ballot {

    @AggregateIdentifier
    private String id;
    private boolean standing;

    protected Ballot() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CastBallot command, Clock clock, BudgetDirectory budget) {
        CampaignYear year = command.ballotId().year();
        CampaignFacts campaign = BudgetProject.requirePhase(budget, year, Phase.VOTING);
        if (command.postalCode() == null || !command.postalCode().isParisian()) {
            throw RuleViolation.refused("budget.not-resident", "The participatory budget is voted by people living in Paris.");
        }
        BallotRules.Content ballot = BallotRules.check(campaign.rules(), BallotRules.options(budget.projects(year)),
                command.parisWide(), command.arrondissement(), command.arrondissementProjects(), command.grades());
        apply(new BallotCast(year, command.ballotId().voter(), ballot.parisWide(), ballot.arrondissement(),
                ballot.arrondissementProjects(), ballot.grades(), clock.instant()));
    }

    @CommandHandler
    public void handle(WithdrawBallot command, Clock clock, BudgetDirectory budget) {
        CampaignYear year = command.ballotId().year();
        BudgetProject.requirePhase(budget, year, Phase.VOTING);
        if (!standing) {
            throw RuleViolation.notFound("budget.no-ballot", "There is no ballot to withdraw.");
        }
        apply(new BallotWithdrawn(year, command.ballotId().voter(), clock.instant()));
    }

    @EventSourcingHandler
    void on(BallotCast event) {
        id = new BallotId(event.year(), event.voter()).toString();
        standing = true;
    }

    @EventSourcingHandler
    void on(BallotWithdrawn event) {
        standing = false;
    }
}
