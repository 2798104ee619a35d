package fr.paris.ledger.budget;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.ParticipantId;
import org.junit.jupiter.api.Test;

/** The aggregate identifiers of the budget read as stored events name them: the typed year writes its number. */
class BudgetIdsTest {
    private static final CampaignYear Y2026 = new CampaignYear(2026);

    @Test
    void ids_write_the_year_as_its_number() {
        assertThat(new CampaignId(Y2026)).hasToString("budget-campaign:2026");
        assertThat(Y2026.campaign()).isEqualTo(new CampaignId(Y2026));
        assertThat(new BallotId(Y2026, new ParticipantId("r-42"))).hasToString("budget-ballot:2026:r-42");
        assertThat(BallotId.prefixOf(Y2026)).isEqualTo("budget-ballot:2026:");
        assertThat(new PaperBatchId(Y2026, "b1")).hasToString("budget-paper-batch:2026:b1");
        assertThat(PaperBatchId.prefixOf(Y2026)).isEqualTo("budget-paper-batch:2026:");
        assertThat(ProjectId.aggregatePrefix(Y2026)).isEqualTo("budget-project:bp2026-");
        assertThat(ProjectId.random(Y2026).value()).startsWith("bp2026-");
    }
}
