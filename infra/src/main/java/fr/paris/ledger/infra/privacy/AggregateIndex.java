package fr.paris.ledger.infra.privacy;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which aggregates exist in the event log, read from the log itself (not a read model, which may lag):
 * what an erasure needs to find the acts a person still has open.
 */
public class AggregateIndex {
    private final JdbcTemplate jdbc;

    public AggregateIndex(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The identifiers of the aggregates whose identifier starts with {@code prefix} (no LIKE wildcards in it). */
    public List<String> withPrefix(String prefix) {
        if (prefix.contains("%") || prefix.contains("_") || prefix.contains("\\")) {
            throw new IllegalArgumentException("a prefix without LIKE wildcards: " + prefix);
        }
        return jdbc.queryForList("""
                SELECT aggregate_identifier FROM domain_event_entry
                WHERE aggregate_identifier LIKE ? AND sequence_number = 0 ORDER BY global_index""", String.class, prefix + "%");
    }

    /** Of {@code ids}, those that name an aggregate with at least one event. */
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("""
                SELECT aggregate_identifier FROM domain_event_entry
                WHERE aggregate_identifier = ANY(?) AND sequence_number = 0""", String.class,
                (Object) ids.toArray(String[]::new)));
    }
}
