package fr.paris.ledger.projections.card;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.card.AgeBand;
import fr.paris.ledger.card.CancellationCause;
import fr.paris.ledger.card.CitizenCardCancelled;
import fr.paris.ledger.card.CitizenCardIssued;
import fr.paris.ledger.card.CitizenCardResidenceChanged;
import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The citizen-card projection fed its events directly (no command, no event store), on the real
 * PostgreSQL table of the test context. Nothing in this context writes card events, so the table
 * holds exactly what these tests put in it.
 */
@LedgerIntegrationTest
class CitizenCardProjectionTest {
    private static final Instant ISSUED = Instant.parse("2026-03-02T09:30:00Z");
    private static final Instant LATER = Instant.parse("2026-06-15T14:00:00Z");

    @Autowired
    CitizenCardProjection projection;
    @Autowired
    CitizenCardQueries queries;
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void emptyTable() {
        jdbc.update("DELETE FROM citizen_card");
    }

    private CitizenCardIssued issued(String participant, String cardId, String postalCode, int age) {
        PostalCode code = new PostalCode(postalCode);
        return new CitizenCardIssued(new ParticipantId(participant), cardId, code.arrondissement().getAsInt(),
                AgeBand.of(age), Channel.ONLINE, new ParticipantId(participant), ISSUED);
    }

    private CardView card(String cardId) {
        return queries.byId(cardId).orElseThrow(() -> new AssertionError("no row for " + cardId));
    }

    @Test
    void an_issue_seen_twice_leaves_one_and_the_same_row() {
        CitizenCardIssued e = issued("r-projalice", "card-proj-1", "75011", 34);

        projection.on(e);
        CardView first = card("card-proj-1");
        projection.on(e);

        assertThat(queries.all()).containsExactly(first);
        assertThat(first.cardId()).isEqualTo("card-proj-1");
        assertThat(first.participantId()).isEqualTo("r-projalice");
        assertThat(first.status()).isEqualTo("ACTIVE");
        assertThat(first.arrondissement()).isEqualTo(11);
        assertThat(first.ageBand()).isEqualTo("30-44");
        assertThat(first.channel()).isEqualTo("ONLINE");
        assertThat(first.issuedAt()).isEqualTo(ISSUED);
        assertThat(first.cancelledAt()).isNull();
        assertThat(first.cancellation()).isNull();
    }

    @Test
    void an_issue_seen_again_after_later_events_does_not_undo_them() {
        CitizenCardIssued e = issued("r-projbob", "card-proj-2", "75004", 50);
        projection.on(e);
        projection.on(new CitizenCardResidenceChanged(e.participantId(), e.cardId(), 4, 19, LATER));

        projection.on(e);

        assertThat(card("card-proj-2").arrondissement()).isEqualTo(19);
        assertThat(card("card-proj-2").ageBand()).isEqualTo("45-59");
    }

    @Test
    void a_cancellation_marks_the_row_cancelled_and_seen_twice_changes_nothing_more() {
        CitizenCardIssued e = issued("r-projcarol", "card-proj-3", "75012", 41);
        projection.on(e);
        CitizenCardCancelled cancelled = new CitizenCardCancelled(e.participantId(), e.cardId(),
                CancellationCause.BY_HOLDER, null, e.participantId(), LATER);

        projection.on(cancelled);
        CardView once = card("card-proj-3");
        projection.on(cancelled);

        assertThat(card("card-proj-3")).isEqualTo(once);
        assertThat(once.status()).isEqualTo("CANCELLED");
        assertThat(once.cancelledAt()).isEqualTo(LATER);
        assertThat(once.cancellation()).isEqualTo("BY_HOLDER");
        assertThat(once.arrondissement()).isEqualTo(12);
        assertThat(once.issuedAt()).isEqualTo(ISSUED);
    }

    @Test
    void moving_out_of_paris_cancels_the_row_and_keeps_the_last_parisian_arrondissement() {
        CitizenCardIssued e = issued("r-projdan", "card-proj-4", "75017", 28);
        projection.on(e);

        projection.on(new CitizenCardCancelled(e.participantId(), e.cardId(), CancellationCause.MOVED_OUT_OF_PARIS,
                null, e.participantId(), LATER));

        CardView row = card("card-proj-4");
        assertThat(row.status()).isEqualTo("CANCELLED");
        assertThat(row.cancellation()).isEqualTo("MOVED_OUT_OF_PARIS");
        assertThat(row.arrondissement()).isEqualTo(17);
    }

    @Test
    void a_residence_change_moves_the_row_and_seen_twice_changes_nothing_more() {
        CitizenCardIssued e = issued("r-projeve", "card-proj-5", "75001", 62);
        projection.on(e);
        CitizenCardResidenceChanged moved = new CitizenCardResidenceChanged(e.participantId(), e.cardId(), 1, 16, LATER);

        projection.on(moved);
        CardView once = card("card-proj-5");
        projection.on(moved);

        assertThat(card("card-proj-5")).isEqualTo(once);
        assertThat(once.status()).isEqualTo("ACTIVE");
        assertThat(once.arrondissement()).isEqualTo(16);
    }

    @Test
    void events_of_one_card_leave_the_others_alone() {
        CitizenCardIssued kept = issued("r-projfay", "card-proj-6", "75002", 30);
        CitizenCardIssued changed = issued("r-projgus", "card-proj-7", "75002", 30);
        projection.on(kept);
        projection.on(changed);
        CardView before = card("card-proj-6");

        projection.on(new CitizenCardResidenceChanged(changed.participantId(), changed.cardId(), 2, 3, LATER));
        projection.on(new CitizenCardCancelled(changed.participantId(), changed.cardId(), CancellationCause.BY_AGENT,
                null, new ParticipantId("s-projagent"), LATER));

        assertThat(card("card-proj-6")).isEqualTo(before);
    }

    @Test
    void the_reset_handler_empties_the_table() {
        projection.on(issued("r-projhal", "card-proj-8", "75005", 20));
        projection.on(issued("r-projivy", "card-proj-9", "75006", 70));
        assertThat(queries.all()).hasSize(2);

        projection.reset();

        assertThat(queries.all()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM citizen_card", Long.class)).isZero();
        assertThat(queries.stats().active()).isZero();
    }

    @Test
    void the_statistics_count_active_cards_by_arrondissement_and_age_band() {
        projection.on(issued("r-projj1", "card-proj-j1", "75011", 8));       // 7-14
        projection.on(issued("r-projj2", "card-proj-j2", "75011", 20));      // 15-29
        projection.on(issued("r-projj3", "card-proj-j3", "75020", 30));      // 30-44
        projection.on(issued("r-projj4", "card-proj-j4", "75116", 59));      // 45-59
        projection.on(issued("r-projj5", "card-proj-j5", "75001", 74));      // 60-74
        CitizenCardIssued old = issued("r-projj6", "card-proj-j6", "75001", 90); // 75+
        projection.on(old);
        CitizenCardIssued gone = issued("r-projj7", "card-proj-j7", "75007", 40);
        projection.on(gone);
        projection.on(new CitizenCardCancelled(gone.participantId(), gone.cardId(), CancellationCause.BY_HOLDER,
                null, gone.participantId(), LATER));
        projection.on(new CitizenCardResidenceChanged(old.participantId(), old.cardId(), 1, 18, LATER));

        CardStats stats = queries.stats();

        assertThat(stats.active()).isEqualTo(6);
        assertThat(stats.byArrondissement()).hasSize(20)
                .containsEntry("11", 2L).containsEntry("20", 1L).containsEntry("16", 1L)
                .containsEntry("1", 1L).containsEntry("18", 1L).containsEntry("7", 0L).containsEntry("2", 0L);
        assertThat(stats.byArrondissement().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(6);
        assertThat(stats.byAgeBand()).containsExactly(
                entry("7-14", 1L), entry("15-29", 1L), entry("30-44", 1L),
                entry("45-59", 1L), entry("60-74", 1L), entry("75+", 1L));
    }
}
