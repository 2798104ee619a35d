package fr.paris.ledger.application.budget;

import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.PaperBatchId;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.shared.RuleViolation;
import java.util.regex.Pattern;

/**
 * What a budget path names: a campaign's year, a project, a paper batch. A malformed name names
 * nothing (404), the answer the same name well formed but unknown gets.
 */
public final class BudgetPaths {
    /** Batch ids, urns and ballot numbers: letters, digits and dashes (a ballot number's form, {@link BallotNumber}). */
    public static final String IDENTIFIER = BallotNumber.FORMAT;
    static final Pattern IDENTIFIER_PATTERN = Pattern.compile(IDENTIFIER);

    private BudgetPaths() {
    }

    /** A campaign year in a path: one outside the years a campaign can have names no campaign. */
    static int year(int year) {
        if (year < 2014 || year > 2999) {
            throw campaignNotFound(year);
        }
        return year;
    }

    static RuleViolation campaignNotFound(int year) {
        return RuleViolation.notFound("budget.campaign-not-found", "No " + year + " campaign.");
    }

    static ProjectId project(String id) {
        if (!ProjectId.isWellFormed(id)) {
            throw projectNotFound(id);
        }
        return new ProjectId(id);
    }

    static RuleViolation projectNotFound(String id) {
        return RuleViolation.notFound("budget.project-not-found", "No project " + id + ".");
    }

    /** A batch in a path: a malformed id names no batch. */
    static PaperBatchId batch(int year, String batchId) {
        year(year);
        if (!IDENTIFIER_PATTERN.matcher(batchId).matches()) {
            throw RuleViolation.notFound("budget.batch-not-found", "No paper batch " + batchId + " in the " + year + " campaign.");
        }
        return new PaperBatchId(year, batchId);
    }
}
