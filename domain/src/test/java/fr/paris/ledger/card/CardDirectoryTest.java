package fr.paris.ledger.card;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardDirectoryTest {
    private static final ParticipantId HOLDER = new ParticipantId("r-holderholderholderholder");
    private static final Instant AT = Instant.parse("2027-01-01T00:00:00Z");

    private static String fold(List<Object> events) {
        String active = null;
        for (Object e : events) {
            active = CardDirectory.activeAfter(active, e);
        }
        return active;
    }

    private static CitizenCardIssued issued(String card) {
        return new CitizenCardIssued(HOLDER, card, 11, "30-44", Channel.ONLINE, HOLDER, AT);
    }

    private static CitizenCardCancelled cancelled(String card) {
        return new CitizenCardCancelled(HOLDER, card, CancellationCause.BY_HOLDER, null, HOLDER, AT);
    }

    @Test
    void a_holder_without_events_holds_no_card() {
        assertThat(fold(List.of())).isNull();
    }

    @Test
    void an_issued_card_is_active_until_cancelled_and_a_new_one_replaces_it() {
        assertThat(fold(List.of(issued("card-1")))).isEqualTo("card-1");
        assertThat(fold(List.of(issued("card-1"), cancelled("card-1")))).isNull();
        assertThat(fold(List.of(issued("card-1"), cancelled("card-1"), issued("card-2")))).isEqualTo("card-2");
    }

    @Test
    void a_move_within_paris_keeps_the_card_active() {
        assertThat(fold(List.of(issued("card-1"), new CitizenCardResidenceChanged(HOLDER, "card-1", 11, 12, AT))))
                .isEqualTo("card-1");
    }
}
