package fr.paris.ledger.budget;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One urn's paper ballots, as at a real count: entered by the agent who opened the batch (spoiled
 * papers included, a typing mistake voidable), then countersigned by another agent when the entries
 * match the declared count. Only a confirmed batch counts; an abandoned one never does.
 *
 * <p>The batch's opening (its agent, its declared count) is recorded by the {@link Campaign} and read
 * here from the {@link BudgetDirectory}: it never changes once written. Entries, voids and the
 * confirmation are serialised on this aggregate, so no entry can slip in after the countersignature
 * and the count confirmed is the count entered. A number is unique across the campaign's batches
 * through {@link PaperBallotNumbers}. The aggregate exists from its first event (every handler
 * creates it if missing): an empty batch can be abandoned.
 */
public class PaperBatch {

    @AggregateIdentifier
    private String id;
    private PaperBatchStatus status = PaperBatchStatus.OPEN;
    /** Live entries: number to voter, or to null for a spoiled paper. */
    private final Map<BallotNumber, ParticipantId> entries = new HashMap<>();
    private final Set<BallotNumber> setAside = new HashSet<>();

    protected PaperBatch() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(EnterPaperBallot command, Clock clock, BudgetDirectory budget, PaperBallotNumbers numbers) {
        PaperBatchId batch = command.batchId();
        roomFor(enterable(batch, command.by(), budget), command.ballotNumber());
        CampaignRules rules = BudgetProject.requirePhase(budget, batch.year(), Phase.VOTING).rules();
        BallotRules.Content ballot = BallotRules.check(rules, BallotRules.options(budget.projects(batch.year())),
                command.parisWide(), command.arrondissement(), command.arrondissementProjects(), command.grades());
        take(numbers, batch, command.ballotNumber());
        apply(new PaperBallotEntered(batch.year(), batch.batchId(), command.ballotNumber(), command.voter(),
                ballot.parisWide(), ballot.arrondissement(), ballot.arrondissementProjects(), ballot.grades(), command.by(),
                clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordSpoiledPaper command, Clock clock, BudgetDirectory budget, PaperBallotNumbers numbers) {
        PaperBatchId batch = command.batchId();
        roomFor(enterable(batch, command.by(), budget), command.ballotNumber());
        take(numbers, batch, command.ballotNumber());
        apply(new SpoiledPaperRecorded(batch.year(), batch.batchId(), command.ballotNumber(), command.by(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(VoidPaperBallot command, Clock clock, BudgetDirectory budget, PaperBallotNumbers numbers) {
        PaperBatchId batch = command.batchId();
        requireBatchAgent(opened(batch, budget), command.by());
        requireOpen();
        if (!entries.containsKey(command.ballotNumber())) {
            throw RuleViolation.notFound("budget.no-entry", "Batch " + batch.batchId() + " has no entry numbered "
                    + command.ballotNumber() + ".");
        }
        numbers.release(batch.year(), command.ballotNumber());
        apply(new PaperBallotVoided(batch.year(), batch.batchId(), command.ballotNumber(), command.by(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public int handle(ConfirmPaperBatch command, Clock clock, BudgetDirectory budget) {
        PaperBatchId batch = command.batchId();
        PaperBatchOpened opened = opened(batch, budget);
        BudgetProject.requirePhase(budget, batch.year(), Phase.VOTING);
        if (opened.openedBy().equals(command.by())) {
            throw RuleViolation.forbidden("budget.same-agent", "A batch is confirmed by another agent than the one who entered it.");
        }
        requireOpen();
        if (entries.size() != opened.declaredCount()) {
            throw RuleViolation.refused("budget.batch-incomplete", "Batch " + batch.batchId() + " declares "
                    + opened.declaredCount() + " papers and has " + entries.size() + " entries.");
        }
        int spoiled = (int) entries.values().stream().filter(Objects::isNull).count();
        apply(new PaperBatchConfirmed(batch.year(), batch.batchId(), entries.size() - spoiled, spoiled, command.by(),
                clock.instant()));
        return entries.size();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(AbandonPaperBatch command, Clock clock, BudgetDirectory budget, PaperBallotNumbers numbers) {
        PaperBatchId batch = command.batchId();
        opened(batch, budget);
        requireOpen();
        numbers.releaseBatch(batch.year(), batch.batchId());
        apply(new PaperBatchAbandoned(batch.year(), batch.batchId(), command.reason(), command.by(), clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetPaperBallotAside command, Clock clock, BudgetDirectory budget) {
        PaperBatchId batch = command.batchId();
        BudgetProject.requirePhase(budget, batch.year(), Phase.VOTING);
        BallotNumber number = command.ballotNumber();
        if (status == PaperBatchStatus.ABANDONED || setAside.contains(number) || !command.voter().equals(entries.get(number))) {
            throw RuleViolation.notFound("budget.no-ballot", "No such paper ballot of this voter.");
        }
        apply(new PaperBallotSetAside(batch.year(), batch.batchId(), number, command.voter(), clock.instant()));
    }

    /** The batch's opening, if the batch may take an entry from {@code agent} now. */
    private PaperBatchOpened enterable(PaperBatchId batch, ParticipantId agent, BudgetDirectory budget) {
        PaperBatchOpened opened = opened(batch, budget);
        BudgetProject.requirePhase(budget, batch.year(), Phase.VOTING);
        requireBatchAgent(opened, agent);
        requireOpen();
        return opened;
    }

    private void roomFor(PaperBatchOpened opened, BallotNumber ballotNumber) {
        if (entries.containsKey(ballotNumber)) {
            throw duplicate(ballotNumber);
        }
        if (entries.size() >= opened.declaredCount()) {
            throw RuleViolation.refused("budget.batch-full", "Batch " + opened.batchId() + " declares "
                    + opened.declaredCount() + " papers and has them all.");
        }
    }

    private static void take(PaperBallotNumbers numbers, PaperBatchId batch, BallotNumber ballotNumber) {
        if (!numbers.take(batch.year(), ballotNumber, batch.batchId())) {
            throw duplicate(ballotNumber);
        }
    }

    private static RuleViolation duplicate(BallotNumber ballotNumber) {
        return RuleViolation.conflict("budget.duplicate-paper-ballot", "Paper ballot " + ballotNumber + " was entered already.");
    }

    private static PaperBatchOpened opened(PaperBatchId batch, BudgetDirectory budget) {
        return budget.paperBatch(batch.year(), batch.batchId()).orElseThrow(() -> RuleViolation.notFound(
                "budget.batch-not-found", "No paper batch " + batch.batchId() + " in the " + batch.year() + " campaign."));
    }

    private static void requireBatchAgent(PaperBatchOpened opened, ParticipantId agent) {
        if (!opened.openedBy().equals(agent)) {
            throw RuleViolation.forbidden("budget.not-batch-agent", "Only the agent who opened batch " + opened.batchId()
                    + " enters or voids its papers.");
        }
    }

    private void requireOpen() {
        if (status != PaperBatchStatus.OPEN) {
            throw RuleViolation.conflict("budget.batch-closed", "The batch is " + status + ".");
        }
    }

    @EventSourcingHandler
    void on(PaperBallotEntered event) {
        identify(event.year(), event.batchId());
        entries.put(event.ballotNumber(), event.voter());
    }

    @EventSourcingHandler
    void on(SpoiledPaperRecorded event) {
        identify(event.year(), event.batchId());
        entries.put(event.ballotNumber(), null);
    }

    @EventSourcingHandler
    void on(PaperBallotVoided event) {
        entries.remove(event.ballotNumber());
        setAside.remove(event.ballotNumber());
    }

    @EventSourcingHandler
    void on(PaperBallotSetAside event) {
        setAside.add(event.ballotNumber());
    }

    @EventSourcingHandler
    void on(PaperBatchConfirmed event) {
        identify(event.year(), event.batchId());
        status = PaperBatchStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(PaperBatchAbandoned event) {
        identify(event.year(), event.batchId());
        status = PaperBatchStatus.ABANDONED;
    }

    private void identify(CampaignYear year, String batchId) {
        if (id == null) {
            id = new PaperBatchId(year, batchId).toString();
        }
    }
}
