package fr.paris.ledger.projections.card;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.card.CancellationCause;
import fr.paris.ledger.card.CardNumber;
import fr.paris.ledger.card.CitizenCardCancelled;
import fr.paris.ledger.card.CitizenCardIssued;
import fr.paris.ledger.card.CitizenCardResidenceChanged;
import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParisCalendar;
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
    @Autowired
    TestClock clock;

    @BeforeEach
    void emptyTable() {
        jdbc.update("DELETE FROM citizen_card");
    }

    private int thisYear() {
        return ParisCalendar.today(clock).getYear();
    }

    private CitizenCardIssued issued(String participant, String cardNumber, String postalCode, int age) {
        PostalCode code = new PostalCode(postalCode);
        return new CitizenCardIssued(new ParticipantId(participant), new CardNumber(cardNumber), code,
                code.arrondissement().getAsInt(), thisYear() - age, age, Channel.ONLINE, new ParticipantId(participant),
                ISSUED);
    }

    private CardView card(String cardNumber) {
        return queries.byNumber(cardNumber).orElseThrow(() -> new AssertionError("no row for " + cardNumber));
    }

    @Test
    void an_issue_seen_twice_leaves_one_and_the_same_row() {
        CitizenCardIssued e = issued("proj-alice", "CC-1234567890", "75011", 34);

        projection.on(e);
        CardView first = card("CC-1234567890");
        projection.on(e);

        assertThat(queries.all()).containsExactly(first);
        assertThat(first.participantId()).isEqualTo("proj-alice");
        assertThat(first.status()).isEqualTo("ACTIVE");
        assertThat(first.postalCode()).isEqualTo("75011");
        assertThat(first.arrondissement()).isEqualTo(11);
        assertThat(first.birthYear()).isEqualTo(thisYear() - 34);
        assertThat(first.channel()).isEqualTo("ONLINE");
        assertThat(first.issuedAt()).isEqualTo(ISSUED);
        assertThat(first.cancelledAt()).isNull();
        assertThat(first.cancellation()).isNull();
    }

    @Test
    void an_issue_seen_again_after_later_events_does_not_undo_them() {
        CitizenCardIssued e = issued("proj-bob", "CC-ABCDEFGH12", "75004", 50);
        projection.on(e);
        projection.on(new CitizenCardResidenceChanged(e.participantId(), e.cardNumber(), new PostalCode("75019"), 4, 19,
                LATER));

        projection.on(e);

        assertThat(card("CC-ABCDEFGH12").arrondissement()).isEqualTo(19);
        assertThat(card("CC-ABCDEFGH12").postalCode()).isEqualTo("75019");
    }

    @Test
    void a_cancellation_marks_the_row_cancelled_and_seen_twice_changes_nothing_more() {
        CitizenCardIssued e = issued("proj-carol", "CC-2345678901", "75012", 41);
        projection.on(e);
        CitizenCardCancelled cancelled = new CitizenCardCancelled(e.participantId(), e.cardNumber(),
                CancellationCause.BY_HOLDER, "lost it", null, e.participantId(), LATER);

        projection.on(cancelled);
        CardView once = card("CC-2345678901");
        projection.on(cancelled);

        assertThat(card("CC-2345678901")).isEqualTo(once);
        assertThat(once.status()).isEqualTo("CANCELLED");
        assertThat(once.cancelledAt()).isEqualTo(LATER);
        assertThat(once.cancellation()).isEqualTo("BY_HOLDER");
        assertThat(once.postalCode()).isEqualTo("75012");
        assertThat(once.issuedAt()).isEqualTo(ISSUED);
    }

    @Test
    void moving_out_of_paris_cancels_the_row_and_records_the_new_postal_code() {
        CitizenCardIssued e = issued("proj-dan", "CC-3456789012", "75017", 28);
        projection.on(e);

        projection.on(new CitizenCardCancelled(e.participantId(), e.cardNumber(), CancellationCause.MOVED_OUT_OF_PARIS,
                null, new PostalCode("69001"), e.participantId(), LATER));

        CardView row = card("CC-3456789012");
        assertThat(row.status()).isEqualTo("CANCELLED");
        assertThat(row.cancellation()).isEqualTo("MOVED_OUT_OF_PARIS");
        assertThat(row.postalCode()).isEqualTo("69001");
    }

    @Test
    void a_residence_change_moves_the_row_and_seen_twice_changes_nothing_more() {
        CitizenCardIssued e = issued("proj-eve", "CC-4567890123", "75001", 62);
        projection.on(e);
        CitizenCardResidenceChanged moved = new CitizenCardResidenceChanged(e.participantId(), e.cardNumber(),
                new PostalCode("75116"), 1, 16, LATER);

        projection.on(moved);
        CardView once = card("CC-4567890123");
        projection.on(moved);

        assertThat(card("CC-4567890123")).isEqualTo(once);
        assertThat(once.status()).isEqualTo("ACTIVE");
        assertThat(once.postalCode()).isEqualTo("75116");
        assertThat(once.arrondissement()).isEqualTo(16);
    }

    @Test
    void events_of_one_card_leave_the_others_alone() {
        CitizenCardIssued kept = issued("proj-fay", "CC-5678901234", "75002", 30);
        CitizenCardIssued changed = issued("proj-gus", "CC-6789012345", "75002", 30);
        projection.on(kept);
        projection.on(changed);
        CardView before = card("CC-5678901234");

        projection.on(new CitizenCardResidenceChanged(changed.participantId(), changed.cardNumber(),
                new PostalCode("75003"), 2, 3, LATER));
        projection.on(new CitizenCardCancelled(changed.participantId(), changed.cardNumber(), CancellationCause.BY_AGENT,
                null, null, new ParticipantId("proj-agent"), LATER));

        assertThat(card("CC-5678901234")).isEqualTo(before);
    }

    @Test
    void the_reset_handler_empties_the_table() {
        projection.on(issued("proj-hal", "CC-7890123456", "75005", 20));
        projection.on(issued("proj-ivy", "CC-8901234567", "75006", 70));
        assertThat(queries.all()).hasSize(2);

        projection.reset();

        assertThat(queries.all()).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM citizen_card", Long.class)).isZero();
        assertThat(queries.stats().active()).isZero();
    }

    @Test
    void the_statistics_count_active_cards_by_arrondissement_and_age_band() {
        projection.on(issued("proj-j1", "CC-9012345678", "75011", 8));       // 7-14
        projection.on(issued("proj-j2", "CC-ABCDEFGH34", "75011", 20));      // 15-29
        projection.on(issued("proj-j3", "CC-ABCDEFGH56", "75020", 30));      // 30-44
        projection.on(issued("proj-j4", "CC-ABCDEFGH78", "75116", 59));      // 45-59
        projection.on(issued("proj-j5", "CC-ABCDEFGH90", "75001", 74));      // 60-74
        CitizenCardIssued old = issued("proj-j6", "CC-MNPQRSTVWX", "75001", 90); // 75+
        projection.on(old);
        CitizenCardIssued gone = issued("proj-j7", "CC-YZ23456789", "75007", 40);
        projection.on(gone);
        projection.on(new CitizenCardCancelled(gone.participantId(), gone.cardNumber(), CancellationCause.BY_HOLDER,
                null, null, gone.participantId(), LATER));
        projection.on(new CitizenCardResidenceChanged(old.participantId(), old.cardNumber(), new PostalCode("75018"), 1,
                18, LATER));

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
