package fr.paris.ledger.projections.benefit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads of the card-benefit read model. */
@Component
public class CardBenefitQueries {
    private static final String EVENT_COLUMNS = "event_id, kind, title, starts_at, seats, confirmed, waitlisted, cancelled";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CardBenefitQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<CardEventView> event(String eventId) {
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM card_event WHERE event_id = ?", this::row, eventId)
                .stream().findFirst();
    }

    /** At most {@code limit} events by start time (then id), after the one starting at {@code afterStartsAt} with id {@code afterId}. */
    public List<CardEventView> events(Instant afterStartsAt, String afterId, int limit) {
        if (afterStartsAt == null) {
            return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM card_event ORDER BY starts_at, event_id LIMIT ?", this::row,
                    limit);
        }
        return jdbc.query("SELECT " + EVENT_COLUMNS + " FROM card_event WHERE (starts_at, event_id) > (?, ?) "
                + "ORDER BY starts_at, event_id LIMIT ?", this::row, Timestamp.from(afterStartsAt), afterId, limit);
    }

    /** The holder's reservation of the event (live or cancelled), its waiting position counted among those still waiting. */
    public Optional<ReservationView> reservation(String eventId, String holder) {
        return jdbc.query("""
                SELECT r.status, r.cancellation,
                       CASE WHEN r.status = 'WAITLISTED' THEN (SELECT count(*) FROM card_reservation w
                            WHERE w.event_id = r.event_id AND w.status = 'WAITLISTED' AND w.queue <= r.queue) END AS position
                FROM card_reservation r WHERE r.event_id = ? AND r.participant_id = ?""",
                (rs, i) -> new ReservationView(eventId, rs.getString("status"),
                        rs.getObject("position") == null ? null : rs.getInt("position"), rs.getString("cancellation")),
                eventId, holder).stream().findFirst();
    }

    /** The sequence number of the event's last event the read model has applied; -1 when it has none. */
    public long appliedSequence(String eventId) {
        List<Long> found = jdbc.queryForList("SELECT last_sequence FROM card_event WHERE event_id = ?", Long.class, eventId);
        return found.isEmpty() ? -1 : found.get(0);
    }

    private CardEventView row(ResultSet rs, int i) throws SQLException {
        Instant startsAt = rs.getTimestamp("starts_at").toInstant();
        String status = rs.getBoolean("cancelled") ? "CANCELLED" : clock.instant().isBefore(startsAt) ? "SCHEDULED" : "STARTED";
        return new CardEventView(rs.getString("event_id"), rs.getString("kind"), rs.getString("title"), startsAt,
                rs.getInt("seats"), rs.getInt("confirmed"), rs.getInt("waitlisted"), status);
    }
}
