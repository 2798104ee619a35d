package fr.paris.ledger.application.support;

import org.springframework.jdbc.core.JdbcTemplate;

/** Direct reads of the event table, to check what an act wrote (or that a refusal wrote nothing). */
public final class EventLog {
    private final JdbcTemplate jdbc;

    public EventLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The events that requests wrote: all but the results that the budget results process records on
     * its own, asynchronously, for whichever campaign of the test class entered RESULTS (issue 15), so
     * that a count around a refused request is not disturbed by them. Results are counted by name.
     */
    public long count() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type NOT LIKE '%ResultsPublished'",
                Long.class);
    }

    public long count(String payloadSimpleName) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE ?", Long.class,
                "%." + payloadSimpleName);
    }
}
