package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda;
import fr.paris.ledger.petition.PetitionPublished;
import fr.paris.ledger.petition.PetitionRules;
import fr.paris.ledger.petition.PetitionSigned;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A placement on the council agenda: the count, the eligibility and the recorded threshold time are checked. */
class PlacementRecountTest {
    static final PetitionId P = new PetitionId("pet-00000000000p");
    static final Instant OPENS = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    EventLog placed(long signatures, long recorded, Instant thresholdRecorded) {
        EventLog log = new EventLog();
        log.add(P.value(), new PetitionPublished(P, EventLog.staff("agent-1"), OPENS, OPENS.plusSeconds(365L * 86_400)));
        for (int i = 0; i < signatures; i++) {
            PetitionSigned signed = new PetitionSigned(P, EventLog.citizen(P.value() + ":s" + i), 11, OPENS.plusSeconds(i));
            log.add("signature:" + P.value() + ":" + signed.participantId().value(), signed);
        }
        log.add(P.value(), new PetitionPlacedOnCouncilAgenda(P, EventLog.staff("cpdp-1"), LocalDate.parse("2026-06-01"), recorded,
                thresholdRecorded, OPENS.plusSeconds(86_400)));
        return log;
    }

    @Test
    void aRightPlacementPassesAndAWrongThresholdTimeOrAnIneligiblePetitionFails() throws Exception {
        long n = PetitionRules.THRESHOLD;
        Instant threshold = OPENS.plusSeconds(n - 1);
        EventLog.Result ok = placed(n, n, threshold).recount(dir);
        assertThat(ok.status()).as(ok.out()).isZero();
        assertThat(ok.out()).contains("eligible yes, threshold reached at " + threshold);

        EventLog.Result wrongTime = placed(n, n, threshold.minusSeconds(1)).recount(dir);
        assertThat(wrongTime.status()).as(wrongTime.out()).isEqualTo(1);
        assertThat(wrongTime.out()).contains("DIFF petition " + P.value()).contains("but recorded " + threshold.minusSeconds(1));

        EventLog.Result ineligible = placed(3, 3, null).recount(dir);
        assertThat(ineligible.status()).as(ineligible.out()).isEqualTo(1);
        assertThat(ineligible.out()).contains("DIFF petition " + P.value() + ": PetitionPlacedOnCouncilAgenda recorded 3 valid signatures, "
                + "recount gives 3").contains("eligible NO");
    }
}
