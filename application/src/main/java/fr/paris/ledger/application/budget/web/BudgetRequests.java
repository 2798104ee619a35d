package fr.paris.ledger.application.budget.web;

import fr.paris.ledger.application.api.validation.Cents;
import fr.paris.ledger.application.api.validation.OneOf;
import fr.paris.ledger.application.api.validation.Text;
import fr.paris.ledger.application.api.validation.TextWhenGiven;
import fr.paris.ledger.application.budget.BallotChoices;
import fr.paris.ledger.application.budget.BudgetPaths;
import fr.paris.ledger.application.budget.CampaignActs;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.RealizationStatus;
import fr.paris.ledger.budget.Verdict;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * Bodies of the budget endpoints, with their field checks. A campaign's settings and a ballot's
 * content are checked by their use case ({@link CampaignActs}, {@link BallotChoices}): their problems
 * name keys of a map ({@code arrondissementEnvelopesCents.7}, {@code grades.<projectId>}) and depend on
 * other fields or on the campaign.
 */
final class BudgetRequests {
    static final String IDENTIFIER = "required, 1 to 64 letters, digits and dashes";
    static final String DECLARED_COUNT = "required, 1 to 10000";

    private BudgetRequests() {
    }

    record Campaign(Integer year, Long parisWideEnvelopeCents, Map<String, Long> arrondissementEnvelopesCents,
                    Integer maxParisWideChoices, Integer maxArrondissementChoices, String ballotMethod) {
        CampaignActs.NewCampaign settings() {
            return new CampaignActs.NewCampaign(year, parisWideEnvelopeCents, arrondissementEnvelopesCents, maxParisWideChoices,
                    maxArrondissementChoices, ballotMethod);
        }
    }

    record PhaseChange(@OneOf(Phase.class) String phase) {
    }

    record Project(@Text(min = 3, max = 200) String title, @Text(max = 20_000) String description, @ProjectScope String scope,
                   @Cents(min = 1) Long estimatedCostCents, @TextWhenGiven(max = 100) String category) {
    }

    /** What the verdict requires (a cost, a reason, the project merged into) is checked by the use case. */
    record Feasibility(@OneOf(Verdict.class) String verdict, Long costCents,
                       @Size(max = 2_000, message = "at most 2000 characters") String reason, String mergedInto) {
    }

    /** An approval ballot ({@code parisWide}, {@code arrondissementProjects}) or a majority-judgment one ({@code grades}). */
    record Ballot(List<String> parisWide, String arrondissement, List<String> arrondissementProjects, Map<String, Long> grades) {
        BallotChoices.Content content() {
            return new BallotChoices.Content(parisWide, arrondissement, arrondissementProjects, grades);
        }
    }

    record PaperBatch(@NotNull(message = IDENTIFIER) @Pattern(regexp = BudgetPaths.IDENTIFIER, message = IDENTIFIER) String batchId,
                      @NotNull(message = IDENTIFIER) @Pattern(regexp = BudgetPaths.IDENTIFIER, message = IDENTIFIER) String urn,
                      @NotNull(message = DECLARED_COUNT) @Min(value = 1, message = DECLARED_COUNT)
                      @Max(value = 10_000, message = DECLARED_COUNT) Integer declaredCount) {
    }

    /** A paper ballot of a batch, or with {@code spoiled: true} a spoiled paper (its number only: checked by the use case). */
    record PaperBallot(@NotNull(message = IDENTIFIER) @Pattern(regexp = BudgetPaths.IDENTIFIER, message = IDENTIFIER)
                       String ballotNumber, Boolean spoiled, String voterId, List<String> parisWide, String arrondissement,
                       List<String> arrondissementProjects, Map<String, Long> grades) {
        BallotChoices.Content content() {
            return new BallotChoices.Content(parisWide, arrondissement, arrondissementProjects, grades);
        }
    }

    record Abandon(@Text(max = 2_000) String reason) {
    }

    record Realization(@OneOf(RealizationStatus.class) String status,
                       @Size(max = 5_000, message = "at most 5000 characters") String note) {
    }
}
