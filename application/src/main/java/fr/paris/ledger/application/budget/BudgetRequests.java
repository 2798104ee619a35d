package fr.paris.ledger.application.budget;

import java.util.List;
import java.util.Map;

/** Bodies of the budget endpoints. */
final class BudgetRequests {
    private BudgetRequests() {
    }

    record Campaign(Integer year, Long parisWideEnvelopeCents, Map<String, Long> arrondissementEnvelopesCents,
                    Integer maxParisWideChoices, Integer maxArrondissementChoices, String ballotMethod) {
    }

    record PhaseChange(String phase) {
    }

    record Project(String title, String description, String scope, Long estimatedCostCents, String category) {
    }

    record Feasibility(String verdict, Long costCents, String reason, String mergedInto) {
    }

    /** An approval ballot ({@code parisWide}, {@code arrondissementProjects}) or a majority-judgment one ({@code grades}). */
    record Ballot(List<String> parisWide, String arrondissement, List<String> arrondissementProjects, Map<String, Long> grades) {
    }

    record PaperBatch(String batchId, String urn, Integer declaredCount) {
    }

    /** A paper ballot of a batch, or with {@code spoiled: true} a spoiled paper (its number only). */
    record PaperBallot(String ballotNumber, Boolean spoiled, String voterId, List<String> parisWide, String arrondissement,
                       List<String> arrondissementProjects, Map<String, Long> grades) {
    }

    record Abandon(String reason) {
    }

    record Realization(String status, String note) {
    }
}
