package fr.paris.ledger.projections.card;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Year;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the citizen-card read model. */
@Component
@Transactional(readOnly = true)
public class CitizenCardQueries {
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public CitizenCardQueries(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The participant's most recent card, active or not. */
    public Optional<CardView> latestOf(String participantId) {
        return jdbc.query("SELECT * FROM citizen_card WHERE participant_id = ? ORDER BY issued_at DESC, card_id LIMIT 1",
                CitizenCardQueries::row, participantId).stream().findFirst();
    }

    public Optional<CardView> byId(String cardId) {
        return jdbc.query("SELECT * FROM citizen_card WHERE card_id = ?", CitizenCardQueries::row, cardId)
                .stream().findFirst();
    }

    public CardStats stats() {
        Map<String, Long> byArrondissement = new TreeMap<>((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)));
        for (int i = 1; i <= 20; i++) {
            byArrondissement.put(Integer.toString(i), 0L);
        }
        jdbc.query("SELECT arrondissement, count(*) FROM citizen_card WHERE status = 'ACTIVE' GROUP BY arrondissement",
                rs -> {
                    byArrondissement.put(Integer.toString(rs.getInt(1)), rs.getLong(2));
                });
        Map<String, Long> byAgeBand = new java.util.LinkedHashMap<>();
        fr.paris.ledger.card.AgeBand.labels().forEach(band -> byAgeBand.put(band, 0L));
        jdbc.query("SELECT age_band, count(*) FROM citizen_card WHERE status = 'ACTIVE' GROUP BY age_band",
                rs -> {
                    byAgeBand.merge(rs.getString(1), rs.getLong(2), Long::sum);
                });
        long active = byArrondissement.values().stream().mapToLong(Long::longValue).sum();
        return new CardStats(active, byArrondissement, byAgeBand);
    }

    private static CardView row(ResultSet rs, int i) throws SQLException {
        Timestamp cancelled = rs.getTimestamp("cancelled_at");
        return new CardView(rs.getString("card_id"), rs.getString("participant_id"), rs.getString("status"),
                rs.getInt("arrondissement"), rs.getString("age_band"), rs.getString("channel"), rs.getTimestamp("issued_at").toInstant(),
                cancelled == null ? null : cancelled.toInstant(), rs.getString("cancellation"));
    }

    List<CardView> all() {
        return jdbc.query("SELECT * FROM citizen_card ORDER BY card_id", CitizenCardQueries::row);
    }
}
