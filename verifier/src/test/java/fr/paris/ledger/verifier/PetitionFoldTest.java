package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.petition.PetitionDeclined;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionPublished;
import fr.paris.ledger.petition.PetitionSignatureWithdrawn;
import fr.paris.ledger.petition.PetitionSigned;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.petition.SigningWindow;
import fr.paris.ledger.shared.ParticipantId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streaming petition recount (one fold state per signer, events in leaf order, signers
 * interleaved) gives the same counts as the domain's SignatureRecount fed signer by signer.
 */
class PetitionFoldTest {
    static final PetitionId P = new PetitionId("pet-0123456789ab");
    static final Instant OPENS = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant DECIDED = OPENS.plusSeconds(100_000);

    @TempDir
    Path dir;

    private record Ev(String signer, Object event) {
    }

    @Test
    void interleavedSignersGiveTheDomainsCount() throws Exception {
        Random random = new Random(42);
        for (int round = 0; round < 20; round++) {
            List<Ev> events = new ArrayList<>();
            int[] perSigner = new int[30];
            for (int i = 0; i < 200; i++) {
                int s = random.nextInt(30);
                ParticipantId who = EventLog.citizen(P.value() + ":s" + s);
                Instant at = OPENS.plusSeconds(-5_000 + random.nextInt(110_000));
                Object e = random.nextInt(3) == 0
                        ? new PetitionSignatureWithdrawn(P, who, at)
                        : new PetitionSigned(P, who, random.nextInt(5) == 0 ? 0 : 11, at); // 0: not resident
                perSigner[s]++;
                events.add(new Ev("signature:" + P.value() + ":" + who.value(), e));
            }
            SignatureRecount grouped = new SignatureRecount(new SigningWindow(OPENS, OPENS.plusSeconds(10_000_000), null).endedAt(DECIDED), DECIDED);
            List<Ev> byAggregate = new ArrayList<>(events);
            byAggregate.sort(Comparator.comparing(Ev::signer)); // stable: each signer's events stay in order
            byAggregate.forEach(e -> grouped.accept(e.signer(), e.event()));
            SignatureRecount.Result expected = grouped.finish();

            EventLog log = new EventLog();
            log.add(P.value(), new PetitionPublished(P, EventLog.staff("agent-1"), OPENS, OPENS.plusSeconds(10_000_000)));
            events.forEach(e -> log.add(e.signer(), e.event()));
            log.add(P.value(), new PetitionDeclined(P, EventLog.staff("cpdp-1"), "no", expected.validSignatures(), DECIDED));
            EventLog.Result r = log.recount(dir);
            assertThat(r.status()).as(r.out()).isZero();
            assertThat(r.out()).contains("recount gives " + expected.validSignatures() + " (withdrawn " + expected.withdrawn()
                    + ", outside window " + expected.outsideWindow() + ", not resident " + expected.notResident() + ", duplicate "
                    + expected.duplicate() + ")");
        }
    }
}
