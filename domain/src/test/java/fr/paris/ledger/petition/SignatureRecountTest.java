package fr.paris.ledger.petition;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SignatureRecountTest {
    private static final Instant OPENS = Instant.parse("2026-03-01T00:00:00Z");
    private static final SigningWindow WINDOW = SigningWindow.openingAt(OPENS);
    private static final PetitionId ID = new PetitionId("pet-abcdefghjkmn");

    private static PetitionSigned signed(String who, String postalCode, Instant at) {
        PostalCode p = new PostalCode(postalCode);
        return new PetitionSigned(ID, new ParticipantId(who), p, p.arrondissement().orElse(0), at);
    }

    private static PetitionSignatureWithdrawn withdrawn(String who, Instant at) {
        return new PetitionSignatureWithdrawn(ID, new ParticipantId(who), at);
    }

    @Test
    void counts_standing_signatures_of_parisians_inside_the_window_and_says_why_the_others_are_not() {
        var recount = new SignatureRecount(WINDOW, null);
        recount.accept("a", signed("a", "75001", OPENS.plusSeconds(1)));
        recount.accept("b", signed("b", "75002", OPENS.plusSeconds(2)));
        recount.accept("b", withdrawn("b", OPENS.plusSeconds(3)));
        recount.accept("c", signed("c", "92100", OPENS.plusSeconds(4)));
        recount.accept("d", signed("d", "75004", OPENS.minusSeconds(1)));
        recount.accept("e", signed("e", "75016", OPENS.plusSeconds(5)));
        recount.accept("e", signed("e", "75016", OPENS.plusSeconds(6)));
        recount.accept("f", signed("f", "75116", OPENS.plusSeconds(7)));
        recount.accept("f", withdrawn("f", OPENS.plusSeconds(8)));
        recount.accept("f", signed("f", "75116", OPENS.plusSeconds(9)));
        recount.accept("g", signed("g", "75020", WINDOW.closesAt()));

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
    void as_of_a_moment_it_ignores_what_came_after() {
        var recount = new SignatureRecount(WINDOW, OPENS.plusSeconds(5));
        recount.accept("a", signed("a", "75001", OPENS.plusSeconds(1)));
        recount.accept("a", withdrawn("a", OPENS.plusSeconds(6)));
        recount.accept("b", signed("b", "75001", OPENS.plusSeconds(7)));
        var r = recount.finish();
        assertThat(r.validSignatures()).isEqualTo(1);
        assertThat(r.withdrawn()).isZero();
    }

    @Test
    void nothing_is_valid_for_a_petition_never_published() {
        var recount = new SignatureRecount(null, null);
        recount.accept("a", signed("a", "75001", OPENS));
        assertThat(recount.finish().validSignatures()).isZero();
    }

    @Test
    void the_threshold_time_is_when_the_5000th_standing_signature_was_given_whatever_the_feed_order() {
        var recount = new SignatureRecount(WINDOW, null);
        // signers fed in an order unrelated to time; signer i signs at OPENS + (i * 7919 mod 6000) seconds
        for (int i = 0; i < 6_000; i++) {
            long offset = (i * 7919L) % 6_000 + 1;
            recount.accept("s" + i, signed("s" + i, "75010", OPENS.plusSeconds(offset)));
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
