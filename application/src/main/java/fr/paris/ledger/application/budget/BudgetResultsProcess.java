package fr.paris.ledger.application.budget;

import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.PublishMajorityJudgmentResults;
import fr.paris.ledger.budget.PublishResults;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Records a campaign's results once it has entered {@code RESULTS}: a process that follows the log
 * on its own tracking processor ({@link #NAME}, one segment, from the start of the log; see
 * {@link BudgetConfiguration}), so the request that closes the vote answers at once.
 *
 * <p>On the {@code CampaignPhaseChanged} to {@code RESULTS} of a campaign without results, on the
 * processor's thread, it waits until the change's time plus {@code ledger.budget.results-grace}: a
 * ballot that passed its phase check just before the close finishes committing meanwhile. Then it
 * reads the campaign's facts from its events again and, unless the results are recorded by now,
 * tallies the ballots from the events ({@link BudgetAudit}, by the campaign's ballot method) and
 * sends the publication. Its events are written in the processor's transaction, with its token.
 *
 * <p>Safe to repeat: a redelivery, a restart or another node finds the results recorded and does
 * nothing; two tallies at once (a segment taken over while the first was still counting) both send
 * the publication, the campaign accepts the first and refuses the second ({@code
 * budget.results-not-due}), which is logged as one line. A failure (the database down) throws: the
 * processor retries the event later, its token not moved. It is not a projection: it must never be
 * replayed ({@link DisallowReplay}; the admin endpoint does not offer it).
 */
@Component
@ProcessingGroup(BudgetResultsProcess.NAME)
@DisallowReplay
public class BudgetResultsProcess {
    public static final String NAME = "budget-results";
    private static final Logger LOG = LoggerFactory.getLogger(BudgetResultsProcess.class);

    private final EventStoreBudgetDirectory directory;
    private final BudgetAudit audit;
    private final LedgerCommands commands;
    private final Clock clock;
    private final Duration grace;

    public BudgetResultsProcess(EventStoreBudgetDirectory directory, BudgetAudit audit, LedgerCommands commands, Clock clock,
                                @Value("${ledger.budget.results-grace:PT2S}") Duration grace) {
        this.directory = directory;
        this.audit = audit;
        this.commands = commands;
        this.clock = clock;
        this.grace = grace;
    }

    @EventHandler
    void on(CampaignPhaseChanged changed) {
        if (changed.to() != Phase.RESULTS || facts(changed.year()).resultsPublished()) {
            return;
        }
        awaitGrace(changed.changedAt());
        record(changed.year());
    }

    /** The campaign's facts as its events say now, not as this node last kept them. */
    private CampaignFacts facts(CampaignYear year) {
        directory.evictCampaign(year);
        return directory.campaign(year).orElseThrow();
    }

    /**
     * Waits until {@code closedAt} plus the grace, by the ledger's clock; never longer than the grace
     * (a clock behind the node that closed the vote), and not at all for a close long past.
     */
    private void awaitGrace(Instant closedAt) {
        Duration left = Duration.between(clock.instant(), closedAt.plus(grace));
        if (left.isNegative() || left.isZero()) {
            return;
        }
        try {
            Thread.sleep(Math.min(left.toMillis(), grace.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ballots cast before the close commit", e);
        }
    }

    /** Tallies and records the results of a campaign in RESULTS, unless they are recorded (by now). */
    void record(CampaignYear year) {
        CampaignFacts closed = facts(year);
        if (closed.resultsPublished()) {
            return;
        }
        if (closed.phase() != Phase.RESULTS) {
            LOG.warn("The {} campaign is in {} without results: none are recorded", year, closed.phase());
            return;
        }
        tallyAndPublish(closed);
    }

    /**
     * Tallies the campaign these facts describe and sends its results. If they were recorded since
     * the facts were read (another node's tally), the campaign refuses them: one line in the log.
     */
    void tallyAndPublish(CampaignFacts closed) {
        CampaignYear year = closed.year();
        long started = System.nanoTime();
        Object publish;
        long ballots;
        if (closed.rules().majorityJudgment()) {
            var results = audit.majorityJudgment(closed);
            ballots = results.ballots();
            publish = new PublishMajorityJudgmentResults(year.campaign(), results);
        } else {
            var results = audit.tally(closed);
            ballots = results.ballots();
            publish = new PublishResults(year.campaign(), results);
        }
        long tallied = System.nanoTime();
        try {
            commands.send(publish);
        } catch (RuleViolation refused) {
            if (!"budget.results-not-due".equals(refused.code())) {
                throw refused;
            }
            LOG.info("Tallied the {} campaign, whose results another tally recorded meanwhile ({})", year, refused.code());
            return;
        }
        LOG.info("Tallied the {} campaign ({}): {} ballots in {} ms, results recorded in {} ms", year,
                closed.rules().ballotMethod(), ballots, (tallied - started) / 1_000_000, (System.nanoTime() - tallied) / 1_000_000);
    }
}
