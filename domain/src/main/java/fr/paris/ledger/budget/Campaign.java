package fr.paris.ledger.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A year's participatory budget campaign: its fixed rules and its phases, which only go forward. */
public class Campaign {

    @AggregateIdentifier
    private String id;
    private CampaignFacts facts;

    protected Campaign() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(CreateCampaign command, Clock clock) {
        if (facts != null) {
            throw RuleViolation.conflict("budget.campaign-exists", "The " + command.campaignId().year() + " campaign exists already.");
        }
        apply(new CampaignCreated(command.campaignId().year(), command.rules(), command.by(), clock.instant()));
    }

    @CommandHandler
    public Phase handle(AdvancePhase command, Clock clock) {
        Phase next = facts.phase().next();
        if (next == null || command.to() != next) {
            throw RuleViolation.refused("budget.wrong-phase", "The campaign is in " + facts.phase()
                    + (next == null ? "; it has no later phase." : "; its next phase is " + next + "."));
        }
        if (facts.phase() == Phase.RESULTS && !facts.resultsPublished()) {
            throw RuleViolation.conflict("budget.results-pending", "The results are not recorded yet; "
                    + "moving to RESULTS again records them.");
        }
        apply(new CampaignPhaseChanged(facts.year(), facts.phase(), next, command.by(), clock.instant()));
        return next;
    }

    @CommandHandler
    public void handle(PublishResults command, Clock clock) {
        if (facts.phase() != Phase.RESULTS || facts.resultsPublished()) {
            throw RuleViolation.conflict("budget.results-not-due", "Results are recorded once, as the campaign enters RESULTS.");
        }
        apply(new CampaignResultsPublished(facts.year(), command.results(), clock.instant()));
    }

    @EventSourcingHandler
    void on(CampaignCreated event) {
        id = new CampaignId(event.year()).toString();
        facts = CampaignFacts.apply(null, event);
    }

    @EventSourcingHandler
    void on(Object event) {
        facts = CampaignFacts.apply(facts, event);
    }
}
