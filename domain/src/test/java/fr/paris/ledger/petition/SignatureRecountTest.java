package fr.paris.ledger.petition;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignatureRecountTest {
    private static final Instant OPENS = Instant.parse("2026-03-01T00:00:00Z");
    private static final SigningWindow WINDOW = SigningWindow.openingAt(OPENS);
    private static final PetitionId ID = new PetitionId("pet-abcdefghjkmn");

    /** A signer's reference in the scope {@code petition:<id>}. */
    private static ParticipantId ref(String who) {
        return new ParticipantId("r-" + who);
    }

    /** A signature recorded with the arrondissement its residence was judged in; outside 1-20 it is not a resident's. */
    private static PetitionSigned signed(String who, int arrondissement, Instant at) {
        return new PetitionSigned(ID, ref(who), arrondissement, at);
    }

    private static PetitionSignatureWithdrawn withdrawn(String who, Instant at) {
        return new PetitionSignatureWithdrawn(ID, ref(who), at);
    }

    @Test
    void counts_standing_signatures_of_parisians_inside_the_window_and_says_why_the_others_are_not() {
        var recount = new SignatureRecount(WINDOW, null);
        recount.accept("a", signed("a", 1, OPENS.plusSeconds(1)));
        recount.accept("b", signed("b", 2, OPENS.plusSeconds(2)));
        recount.accept("b", withdrawn("b", OPENS.plusSeconds(3)));
        recount.accept("c", signed("c", 0, OPENS.plusSeconds(4))); // no arrondissement of Paris: not resident
        recount.accept("d", signed("d", 4, OPENS.minusSeconds(1)));
        recount.accept("e", signed("e", 16, OPENS.plusSeconds(5)));
        recount.accept("e", signed("e", 16, OPENS.plusSeconds(6)));
        recount.accept("f", signed("f", 16, OPENS.plusSeconds(7)));
        recount.accept("f", withdrawn("f", OPENS.plusSeconds(8)));
        recount.accept("f", signed("f", 16, OPENS.plusSeconds(9)));
        recount.accept("g", signed("g", 20, WINDOW.closesAt()));

        var r = recount.finish();
        assertThat(r.validSignatures()).isEqualTo(3); // a, e (once), f (signed again)
        assertThat(r.withdrawn()).isEqualTo(2);
        assertThat(r.notResident()).isEqualTo(1);
        assertThat(r.outsideWindow()).isEqualTo(2);
        assertThat(r.duplicate()).isEqualTo(1);
        assertThat(r.byArrondissement()).containsExactly(java.util.Map.entry(1, 1L), java.util.Map.entry(16, 2L));
        assertThat(r.thresholdReachedAt()).isNull();
        assertThat(r.eligible()).isFalse();
    }

    @Test
    void a_signature_recorded_outside_the_twenty_arrondissements_is_not_resident() {
        var recount = new SignatureRecount(WINDOW, null);
        recount.accept("a", signed("a", 0, OPENS.plusSeconds(1)));
        recount.accept("b", signed("b", 21, OPENS.plusSeconds(2)));
        recount.accept("c", signed("c", -1, OPENS.plusSeconds(3)));
        recount.accept("d", signed("d", 1, OPENS.plusSeconds(4)));
        recount.accept("e", signed("e", 20, OPENS.plusSeconds(5)));
        var r = recount.finish();
        assertThat(r.notResident()).isEqualTo(3);
        assertThat(r.validSignatures()).isEqualTo(2);
        assertThat(r.byArrondissement()).containsExactly(java.util.Map.entry(1, 1L), java.util.Map.entry(20, 1L));
    }

    @Test
    void as_of_a_moment_it_ignores_what_came_after() {
        var recount = new SignatureRecount(WINDOW, OPENS.plusSeconds(5));
        recount.accept("a", signed("a", 1, OPENS.plusSeconds(1)));
        recount.accept("a", withdrawn("a", OPENS.plusSeconds(6)));
        recount.accept("b", signed("b", 1, OPENS.plusSeconds(7)));
        var r = recount.finish();
        assertThat(r.validSignatures()).isEqualTo(1);
        assertThat(r.withdrawn()).isZero();
    }

    @Test
    void nothing_is_valid_for_a_petition_never_published() {
        var recount = new SignatureRecount(null, null);
        recount.accept("a", signed("a", 1, OPENS));
        assertThat(recount.finish().validSignatures()).isZero();
    }

    @Test
    void the_threshold_time_is_when_the_5000th_standing_signature_was_given_whatever_the_feed_order() {
        var recount = new SignatureRecount(WINDOW, null);
        // signers fed in an order unrelated to time; signer i signs at OPENS + (i * 7919 mod 6000) seconds
        for (int i = 0; i < 6_000; i++) {
            long offset = (i * 7919L) % 6_000 + 1;
            recount.accept("s" + i, signed("s" + i, 10, OPENS.plusSeconds(offset)));
            if (offset <= 500) {
                // the first 500 seconds' signers withdraw: the 5000th valid is then at second 5500
                recount.accept("s" + i, withdrawn("s" + i, OPENS.plus(Duration.ofDays(1))));
            }
        }
        var r = recount.finish();
        assertThat(r.validSignatures()).isEqualTo(5_500);
        assertThat(r.withdrawn()).isEqualTo(500);
        assertThat(r.eligible()).isTrue();
        assertThat(r.thresholdReachedAt()).isEqualTo(OPENS.plusSeconds(5_500));
    }
}
