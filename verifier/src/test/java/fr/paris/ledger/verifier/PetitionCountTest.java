package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionSigned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The verifier's own petition count against expectations computed by hand from domain.md's rule: valid means by a
 * Parisian, inside the window (from publication, inclusive, to its end, exclusive, which a withdrawal or a decision
 * brings forward); 5,000 valid signatures make a petition eligible, and the threshold is the moment of the 5,000th.
 */
class PetitionCountTest {
    static final PetitionId P = new PetitionId("pet-0123456789ab");
    static final Instant OPENS = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant CLOSES = OPENS.plusSeconds(365L * 86_400);

    static PetitionSigned signed(int signer, int arrondissement, Instant at) {
        return new PetitionSigned(P, EventLog.citizen(P.value() + ":s" + signer), arrondissement, at);
    }

    @Test
    void eachSignatureIsJudgedOnResidenceThenOnTheWindow() {
        Instant withdrawn = OPENS.plusSeconds(1_000);
        PetitionRecount.Window window = new PetitionRecount.Window(OPENS, CLOSES).endingAt(withdrawn).endingAt(CLOSES);
        assertThat(window.end()).isEqualTo(withdrawn);
        List<PetitionSigned> standing = List.of(
                signed(1, 11, OPENS),                    // valid: the window opens at publication, inclusive
                signed(2, 20, withdrawn.minusMillis(1)), // valid
                signed(3, 1, withdrawn),                 // outside: the end is exclusive
                signed(4, 5, OPENS.minusSeconds(1)),     // outside: before publication
                signed(5, 0, OPENS.plusSeconds(10)),     // not resident (no arrondissement), whatever the time
                signed(6, 21, CLOSES.plusSeconds(10)));  // not resident first, though outside too
        PetitionRecount.Count count = PetitionRecount.count(window, standing);
        assertThat(count).isEqualTo(new PetitionRecount.Count(2, 2, 2, null));
        assertThat(count.eligible()).isFalse();
        // never published: nothing is valid
        assertThat(PetitionRecount.count(null, standing).outsideWindow()).isEqualTo(4);
    }

    @Test
    void theThresholdIsTheMomentOfTheFiveThousandthValidSignatureInTimeOrder() {
        PetitionRecount.Window window = new PetitionRecount.Window(OPENS, CLOSES);
        List<PetitionSigned> standing = new ArrayList<>();
        for (int i = 0; i < 5_002; i++) {
            standing.add(signed(i, 11, OPENS.plusSeconds(10L * i)));
        }
        standing.add(signed(-1, 0, OPENS.plusSeconds(1))); // not resident: does not move the threshold
        Collections.shuffle(standing, new Random(1));
        PetitionRecount.Count count = PetitionRecount.count(window, standing);
        assertThat(count.valid()).isEqualTo(5_002);
        assertThat(count.eligible()).isTrue();
        assertThat(count.thresholdReachedAt()).isEqualTo(OPENS.plusSeconds(10L * 4_999));

        PetitionRecount.Count short1 = PetitionRecount.count(window, standing.stream()
                .filter(s -> s.signedAt().isBefore(OPENS.plusSeconds(10L * 4_999))).toList());
        assertThat(short1.valid()).isEqualTo(4_999);
        assertThat(short1.eligible()).isFalse();
        assertThat(short1.thresholdReachedAt()).isNull();
    }
}
