package fr.paris.ledger.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A year's participatory budget campaign: its fixed rules, its phases, which only go forward, and the
 * paper batches opened in it.
 *
 * <p>A batch is opened here, not in its own aggregate, so that opening a batch and moving to RESULTS
 * are serialised on this aggregate (in one JVM by its lock, across nodes by the sequence number): a
 * batch opened concurrently with the move is either seen by it, which then waits for the batch to
 * close, or refused as opened outside VOTING. Whether an opened batch is closed is read from the
 * event store by the {@link BudgetDirectory}; a closing is never undone, so a read that misses one
 * only refuses the move for a moment, and a batch it sees closed is closed for good.
 */
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
    public Phase handle(AdvancePhase command, Clock clock, BudgetDirectory budget) {
        Phase next = facts.phase().next();
        if (next == null || command.to() != next) {
            throw RuleViolation.refused("budget.wrong-phase", "The campaign is in " + facts.phase()
                    + (next == null ? "; it has no later phase." : "; its next phase is " + next + "."));
        }
        if (facts.phase() == Phase.RESULTS && !facts.resultsPublished()) {
            throw RuleViolation.conflict("budget.results-pending", "The results are not recorded yet; "
                    + "they are recorded a moment after the campaign enters RESULTS.");
        }
        if (next == Phase.RESULTS && !facts.paperBatches().isEmpty()) {
            Set<String> open = new TreeSet<>(facts.paperBatches().keySet());
            open.removeAll(budget.closedPaperBatches(facts.year()));
            if (!open.isEmpty()) {
                throw RuleViolation.conflict("budget.batches-open", open.size() + " paper batch(es) still open, "
                        + "to be confirmed or abandoned first: " + String.join(", ", open) + ".");
            }
        }
        apply(new CampaignPhaseChanged(facts.year(), facts.phase(), next, command.by(), clock.instant()));
        return next;
    }

    @CommandHandler
    public void handle(OpenPaperBatch command, Clock clock) {
        if (facts.phase() != Phase.VOTING) {
            throw RuleViolation.refused("budget.wrong-phase", "The " + facts.year() + " campaign is in " + facts.phase()
                    + "; paper batches are opened in VOTING.");
        }
        if (facts.paperBatches().containsKey(command.batchId())) {
            throw RuleViolation.conflict("budget.batch-exists", "Paper batch " + command.batchId() + " exists already.");
        }
        if (command.declaredCount() < 1) {
            throw RuleViolation.refused("budget.batch-empty", "A batch declares at least one paper.");
        }
        apply(new PaperBatchOpened(facts.year(), command.batchId(), command.urn(), command.declaredCount(), command.by(),
                clock.instant()));
    }

    @CommandHandler
    public void handle(PublishResults command, Clock clock) {
        resultsDue(BallotMethod.APPROVAL);
        apply(new CampaignResultsPublished(facts.year(), command.results(), clock.instant()));
    }

    @CommandHandler
    public void handle(PublishMajorityJudgmentResults command, Clock clock) {
        resultsDue(BallotMethod.MAJORITY_JUDGMENT);
        apply(new MajorityJudgmentResultsPublished(facts.year(), command.results(), clock.instant()));
    }

    /** Results are recorded once, in RESULTS, and of the campaign's own ballot method. */
    private void resultsDue(BallotMethod method) {
        if (facts.phase() != Phase.RESULTS || facts.resultsPublished()) {
            throw RuleViolation.conflict("budget.results-not-due", "Results are recorded once, as the campaign enters RESULTS.");
        }
        if (facts.rules().ballotMethod() != method) {
            throw RuleViolation.conflict("budget.results-not-due", "The " + facts.year() + " campaign is voted by "
                    + facts.rules().ballotMethod() + ": its results are of that method.");
        }
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
