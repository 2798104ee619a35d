package fr.paris.ledger.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A project of a campaign: submission, feasibility verdict, and realization if it wins. */
public class BudgetProject {

    @AggregateIdentifier
    private String id;
    private ProjectFacts facts;

    protected BudgetProject() {
        // for Axon
    }

    @CommandHandler
    public BudgetProject(SubmitProject command, Clock clock, BudgetDirectory budget) {
        CampaignYear year = new CampaignYear(command.projectId().year());
        requirePhase(budget, year, Phase.PROPOSALS);
        if (!command.authorPostalCode().isParisian()) {
            throw RuleViolation.refused("budget.not-resident", "Projects are proposed by people living in Paris.");
        }
        apply(new ProjectSubmitted(command.projectId(), year, command.author(), command.title(),
                command.description(), command.scope(), command.estimatedCostCents(), command.category(), clock.instant()));
    }

    @CommandHandler
    public void handle(StudyProject command, Clock clock, BudgetDirectory budget) {
        requirePhase(budget, facts.year(), Phase.FEASIBILITY);
        switch (command.verdict()) {
            case FEASIBLE -> {
                if (command.costCents() == null || command.costCents() <= 0) {
                    throw RuleViolation.refused("budget.cost-required", "A feasible project states its final cost.");
                }
            }
            case NOT_FEASIBLE -> {
                if (command.reason() == null || command.reason().isBlank()) {
                    throw RuleViolation.refused("budget.reason-required", "A project found not feasible states why.");
                }
            }
            case MERGED -> {
                ProjectFacts target = command.mergedInto() == null ? null : budget.project(command.mergedInto()).orElse(null);
                if (target == null || target.id().equals(facts.id()) || !target.year().equals(facts.year())
                        || !target.scope().equals(facts.scope())) {
                    throw RuleViolation.refused("budget.invalid-merge",
                            "A project is merged into another project of the same campaign and scope.");
                }
            }
        }
        apply(new ProjectStudied(facts.id(), command.verdict(),
                command.verdict() == Verdict.FEASIBLE ? command.costCents() : null,
                command.reason(), command.verdict() == Verdict.MERGED ? command.mergedInto() : null,
                command.by(), clock.instant()));
    }

    @CommandHandler
    public void handle(RecordRealization command, Clock clock, BudgetDirectory budget) {
        CampaignFacts campaign = requirePhase(budget, facts.year(), Phase.REALIZATION);
        if (!campaign.winners().contains(facts.id())) {
            throw RuleViolation.refused("budget.not-a-winner", "Only a winning project is realized.");
        }
        apply(new RealizationRecorded(facts.id(), command.status(), command.note(), command.by(), clock.instant()));
    }

    static CampaignFacts requirePhase(BudgetDirectory budget, CampaignYear year, Phase phase) {
        CampaignFacts campaign = budget.campaign(year).orElseThrow(
                () -> RuleViolation.notFound("budget.campaign-not-found", "No " + year + " campaign."));
        if (campaign.phase() != phase) {
            throw RuleViolation.refused("budget.wrong-phase", "The " + year + " campaign is in " + campaign.phase()
                    + "; this needs " + phase + ".");
        }
        return campaign;
    }

    @EventSourcingHandler
    void on(ProjectSubmitted event) {
        id = event.projectId().toString();
        facts = ProjectFacts.apply(null, event);
    }

    @EventSourcingHandler
    void on(ProjectStudied event) {
        facts = ProjectFacts.apply(facts, event);
    }
}
