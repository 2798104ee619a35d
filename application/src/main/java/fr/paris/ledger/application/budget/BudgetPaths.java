package fr.paris.ledger.application.budget;

import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.CampaignYear;
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
    public static CampaignYear year(int year) {
        if (!CampaignYear.isValid(year)) {
            throw campaignNotFound(year);
        }
        return new CampaignYear(year);
    }

    /** The year of the caller's own ballot in a path: in a year no campaign can have, the caller has no ballot. */
    public static CampaignYear ballotYear(int year) {
        if (!CampaignYear.isValid(year)) {
            throw noBallot();
        }
        return new CampaignYear(year);
    }

    static RuleViolation campaignNotFound(int year) {
        return RuleViolation.notFound("budget.campaign-not-found", "No " + year + " campaign.");
    }

    static RuleViolation campaignNotFound(CampaignYear year) {
        return campaignNotFound(year.value());
    }

    static RuleViolation noBallot() {
        return RuleViolation.notFound("budget.no-ballot", "You have no ballot in this campaign.");
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
    static PaperBatchId batch(CampaignYear year, String batchId) {
        if (!IDENTIFIER_PATTERN.matcher(batchId).matches()) {
            throw RuleViolation.notFound("budget.batch-not-found", "No paper batch " + batchId + " in the " + year + " campaign.");
        }
        return new PaperBatchId(year, batchId);
    }
}
