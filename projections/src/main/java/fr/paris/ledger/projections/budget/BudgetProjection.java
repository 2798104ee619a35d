package fr.paris.ledger.projections.budget;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignResultsPublished;
import fr.paris.ledger.budget.MajorityJudgmentResultsPublished;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBallotSetAside;
import fr.paris.ledger.budget.PaperBallotVoided;
import fr.paris.ledger.budget.PaperBatchAbandoned;
import fr.paris.ledger.budget.PaperBatchConfirmed;
import fr.paris.ledger.budget.PaperBatchOpened;
import fr.paris.ledger.budget.PaperBatchStatus;
import fr.paris.ledger.budget.SpoiledPaperRecorded;
import fr.paris.ledger.budget.ProjectStudied;
import fr.paris.ledger.budget.ProjectSubmitted;
import fr.paris.ledger.budget.RealizationRecorded;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the budget read models in step: campaigns (with their recorded results), projects with
 * their verdict and realization, who has voted online (for the live participation count), and the
 * paper batches with their entries (for auditors, and the paper participation count). A batch's
 * opening is a campaign event and its entries are the batch's: with several segments they may be
 * handled in either order, so each batch row is written by whichever comes first.
 */
@Component
@ProcessingGroup(BudgetProjection.NAME)
public class BudgetProjection {
    public static final String NAME = "budget";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    public BudgetProjection(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @EventHandler
    void on(CampaignCreated e) throws JsonProcessingException {
        jdbc.update("""
                INSERT INTO budget_campaign (year, phase, paris_envelope_cents, arrondissement_envelopes_cents,
                                             max_paris_wide_choices, max_arrondissement_choices, ballot_method, created_at)
                VALUES (?, 'PROPOSALS', ?, ?, ?, ?, ?, ?) ON CONFLICT (year) DO NOTHING""",
                e.year().value(), e.rules().parisWideEnvelopeCents(), json.writeValueAsString(e.rules().arrondissementEnvelopesCents()),
                e.rules().maxParisWideChoices(), e.rules().maxArrondissementChoices(), e.rules().ballotMethod().name(),
                ts(e.createdAt()));
    }

    @EventHandler
    void on(CampaignPhaseChanged e) {
        jdbc.update("UPDATE budget_campaign SET phase = ? WHERE year = ?", e.to().name(), e.year().value());
    }

    @EventHandler
    void on(CampaignResultsPublished e) throws JsonProcessingException {
        // a project's votes, rank and outcome are read from these results (BudgetQueries.project), not
        // copied into its row: on a replay this event may come before the project's own events
        jdbc.update("UPDATE budget_campaign SET results = ?, results_at = ? WHERE year = ?",
                json.writeValueAsString(e.results()), ts(e.publishedAt()), e.year().value());
    }

    @EventHandler
    void on(MajorityJudgmentResultsPublished e) throws JsonProcessingException {
        // as above; the API derives p and q from the recorded counts (BudgetQueries.majorityJudgment)
        jdbc.update("UPDATE budget_campaign SET results = ?, results_at = ? WHERE year = ?",
                json.writeValueAsString(e.results()), ts(e.publishedAt()), e.year().value());
    }

    @EventHandler
    void on(ProjectSubmitted e) {
        jdbc.update("""
                INSERT INTO budget_project (project_id, year, scope, title, description, category, estimated_cost_cents,
                                            cost_cents, submitted_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (project_id) DO NOTHING""",
                e.projectId().value(), e.year().value(), e.scope().value(), e.title(), e.description(), e.category(),
                e.estimatedCostCents(), e.estimatedCostCents(), ts(e.submittedAt()));
    }

    @EventHandler
    void on(ProjectStudied e) {
        jdbc.update("""
                UPDATE budget_project SET verdict = ?, cost_cents = COALESCE(?, estimated_cost_cents), verdict_reason = ?,
                       merged_into = ?, studied_at = ? WHERE project_id = ?""",
                e.verdict().name(), e.costCents(), e.reason(), e.mergedInto() == null ? null : e.mergedInto().value(),
                ts(e.studiedAt()), e.projectId().value());
    }

    @EventHandler
    void on(RealizationRecorded e) {
        jdbc.update("""
                INSERT INTO budget_realization (project_id, recorded_at, status, note) VALUES (?, ?, ?, ?)
                ON CONFLICT DO NOTHING""", e.projectId().value(), ts(e.recordedAt()), e.status().name(), e.note());
    }

    @EventHandler
    void on(BallotCast e) {
        voted(e.year().value(), e.voter().value(), "ONLINE");
    }

    @EventHandler
    void on(PaperBatchOpened e) {
        jdbc.update("""
                INSERT INTO budget_paper_batch (year, batch_id, urn, declared_count, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (year, batch_id) DO UPDATE SET urn = EXCLUDED.urn, declared_count = EXCLUDED.declared_count,
                       opened_by = EXCLUDED.opened_by, opened_at = EXCLUDED.opened_at""",
                e.year().value(), e.batchId(), e.urn(), e.declaredCount(), e.openedBy().value(), ts(e.openedAt()));
    }

    @EventHandler
    void on(PaperBallotEntered e) {
        entry(e.year().value(), e.batchId(), e.ballotNumber().value(), e.voter().value());
    }

    @EventHandler
    void on(SpoiledPaperRecorded e) {
        entry(e.year().value(), e.batchId(), e.ballotNumber().value(), null);
    }

    @EventHandler
    void on(PaperBallotVoided e) {
        jdbc.update("UPDATE budget_paper_entry SET voided = TRUE WHERE year = ? AND batch_id = ? AND ballot_number = ?",
                e.year().value(), e.batchId(), e.ballotNumber().value());
    }

    @EventHandler
    void on(PaperBatchConfirmed e) {
        closed(e.year().value(), e.batchId(), PaperBatchStatus.CONFIRMED, e.confirmedBy().value(), e.confirmedAt(), null);
    }

    @EventHandler
    void on(PaperBatchAbandoned e) {
        closed(e.year().value(), e.batchId(), PaperBatchStatus.ABANDONED, e.abandonedBy().value(), e.abandonedAt(), e.reason());
    }

    /** An entry, or the same number entered again after it was voided. */
    private void entry(int year, String batchId, String ballotNumber, String voter) {
        jdbc.update("INSERT INTO budget_paper_batch (year, batch_id) VALUES (?, ?) ON CONFLICT DO NOTHING", year, batchId);
        jdbc.update("""
                INSERT INTO budget_paper_entry (year, batch_id, ballot_number, voter_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (year, batch_id, ballot_number) DO UPDATE SET voter_id = EXCLUDED.voter_id, voided = FALSE,
                       set_aside = FALSE""", year, batchId, ballotNumber, voter);
    }

    private void closed(int year, String batchId, PaperBatchStatus status, String by, Instant at, String reason) {
        jdbc.update("""
                INSERT INTO budget_paper_batch (year, batch_id, status, closed_by, closed_at, reason) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (year, batch_id) DO UPDATE SET status = EXCLUDED.status, closed_by = EXCLUDED.closed_by,
                       closed_at = EXCLUDED.closed_at, reason = EXCLUDED.reason""",
                year, batchId, status.name(), by, ts(at), reason);
    }

    @EventHandler
    void on(fr.paris.ledger.budget.BallotWithdrawn e) {
        jdbc.update("DELETE FROM budget_voter WHERE year = ? AND voter_id = ? AND channel = 'ONLINE'", e.year().value(), e.voter().value());
    }

    @EventHandler
    void on(PaperBallotSetAside e) {
        jdbc.update("UPDATE budget_paper_entry SET set_aside = TRUE WHERE year = ? AND batch_id = ? AND ballot_number = ?",
                e.year().value(), e.batchId(), e.ballotNumber().value());
    }

    private void voted(int year, String voter, String channel) {
        jdbc.update("INSERT INTO budget_voter (year, voter_id, channel) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                year, voter, channel);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM budget_paper_entry");
        jdbc.update("DELETE FROM budget_paper_batch");
        jdbc.update("DELETE FROM budget_voter");
        jdbc.update("DELETE FROM budget_realization");
        jdbc.update("DELETE FROM budget_project");
        jdbc.update("DELETE FROM budget_campaign");
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
