package fr.paris.ledger.infra.privacy;

import fr.paris.ledger.infra.events.EventScanner;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which aggregates exist in the event log, read from the log itself (not a read model, which may lag),
 * through {@link EventScanner}: what an erasure needs to find the acts a person still has open.
 */
public class AggregateIndex {
    private final EventScanner events;

    public AggregateIndex(EventScanner events) {
        this.events = events;
    }

    /** The identifiers of the aggregates whose identifier starts with {@code prefix} (no LIKE wildcards in it). */
    public List<String> withPrefix(String prefix) {
        return events.aggregatesWithPrefix(prefix);
    }

    /** Of {@code ids}, those that name an aggregate with at least one event. */
    public Set<String> existing(Collection<String> ids) {
        return events.existingAggregates(ids);
    }
}
