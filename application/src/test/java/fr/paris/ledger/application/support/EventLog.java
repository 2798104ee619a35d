package fr.paris.ledger.application.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Direct reads of the event table, to check what an act wrote (or that a refusal wrote nothing). */
public final class EventLog {
    private final JdbcTemplate jdbc;

    public EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long count() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    public long count(String payloadSimpleName) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?", Long.class,
                "%." + payloadSimpleName);
    }
}
