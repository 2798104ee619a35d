package fr.paris.ledger.application.budget.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.projections.budget.BudgetQueries.PaperBatchView;
import fr.paris.ledger.projections.budget.BudgetQueries.ProjectView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The budget's answers, field for field in the order the API has always given them. */
public final class BudgetAnswers {
    private BudgetAnswers() {
    }

    /** A campaign opened, or moved to its next phase. */
    public record CampaignPhase(int year, String phase, ReceiptJson receipt) {
    }

    public record ProjectSubmission(String projectId, ReceiptJson receipt) {
    }

    public record ProjectVerdict(String projectId, String verdict, ReceiptJson receipt) {
    }

    public record ProjectProgress(String projectId, String status, ReceiptJson receipt) {
    }

    /** An online ballot cast or replaced. */
    public record BallotReceipt(ReceiptJson receipt) {
    }

    /** The caller's standing ballot: its choices, or (majority judgment) its grades, project id to 0..3. */
    public record MyBallot(int year, List<String> parisWide, Integer arrondissement, List<String> arrondissementProjects,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Integer> grades, Instant castAt,
                           ReceiptJson receipt) {
    }

    /** A paper batch opened or abandoned. */
    public record PaperBatchState(String batchId, String status, ReceiptJson receipt) {
    }

    /** A paper batch countersigned: its count of entries, spoiled papers included. */
    public record ConfirmedPaperBatch(String batchId, String status, Integer count, ReceiptJson receipt) {
    }

    public record PaperBallotEntry(String batchId, String ballotNumber, boolean spoiled, ReceiptJson receipt) {
    }

    public record VoidedPaperBallot(String batchId, String ballotNumber, boolean voided, ReceiptJson receipt) {
    }

    /** A page of a campaign's paper batches; {@code next} absent on the last page. */
    public record PaperBatchPage(int year, List<PaperBatchView> items, @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }

    /**
     * A page of a campaign's projects, as the paging convention of api.md says: {@code {items, next}},
     * {@code next} absent on the last page.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectPage(List<ProjectView> items, String next) {
    }
}
