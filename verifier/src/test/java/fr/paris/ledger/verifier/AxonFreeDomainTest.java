package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionSigned;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.petition.SigningWindow;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The domain classes the verifier uses load and work on the verifier's classpath, where Axon is absent. */
class AxonFreeDomainTest {

    @Test
    void axonIsNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("org.axonframework.serialization.Revision"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void theRuleClassesAndEventRecordsLoadAndRun() throws Exception {
        for (String name : new String[] {
                "fr.paris.ledger.petition.SignatureRecount", "fr.paris.ledger.petition.SigningWindow",
                "fr.paris.ledger.petition.PetitionFacts", "fr.paris.ledger.petition.PetitionSigned",
                "fr.paris.ledger.petition.PetitionSignatureWithdrawn", "fr.paris.ledger.petition.PetitionPublished",
                "fr.paris.ledger.petition.PetitionWithdrawn", "fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda",
                "fr.paris.ledger.petition.PetitionDeclined", "fr.paris.ledger.budget.BudgetTally",
                "fr.paris.ledger.budget.BallotCast", "fr.paris.ledger.budget.PaperBallotEntered",
                "fr.paris.ledger.budget.CampaignResultsPublished"}) {
            Class<?> c = Class.forName(name);
            assertThat(c.getAnnotations()).as(name + ": the @Revision annotation is silently absent").isEmpty();
        }
        Instant opens = Instant.parse("2026-01-01T00:00:00Z");
        SignatureRecount recount = new SignatureRecount(SigningWindow.openingAt(opens), null);
        PetitionId id = new PetitionId("pet-0123456789ab");
        recount.accept("signature:a", new PetitionSigned(id, new ParticipantId("a"), new PostalCode("75011"), 11, opens.plusSeconds(1)));
        assertThat(recount.finish().validSignatures()).isEqualTo(1);
    }
}
