package fr.paris.ledger.infra.axon;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

/**
 * The caches of the long-lived aggregates (one per aggregate type), kept so that a command refused
 * on cached state can be run again on state read from the events.
 *
 * <p>Why: with several nodes on one database, each node caches an aggregate on its own. A node
 * whose cached state is out of date learns it through a sequence-number conflict only if it
 * appends (and the gateway then retries on fresh state); if the stale state makes it refuse (for
 * instance {@code card.already-held} just after another node cancelled the card), nothing
 * conflicts. {@link LedgerCommands} therefore evicts the aggregate and sends the command once more
 * when a cached aggregate refused it; the second answer, on the state of the event store, stands.
 */
public final class AggregateCaches {
    private static final CommandTargetResolver TARGETS = AnnotationCommandTargetResolver.builder().build();
    private final List<Cache> caches;

    public AggregateCaches(Collection<? extends Cache> caches) {
        this.caches = List.copyOf(caches);
    }

    Cache cache(int index) {
        return caches.get(index);
    }

    /** The identifier of the aggregate a command is addressed to, when it names one. */
    public static Optional<String> target(Object command) {
        try {
            return Optional.ofNullable(TARGETS.resolveTarget(GenericCommandMessage.asCommandMessage(command)))
                    .map(t -> t.getIdentifier());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether this node holds the aggregate in a cache. */
    public boolean cached(String aggregateId) {
        for (Cache cache : caches) {
            if (cache.containsKey(aggregateId)) {
                return true;
            }
        }
        return false;
    }

    /** Forgets the cached state of one aggregate on this node. */
    public void evict(String aggregateId) {
        for (Cache cache : caches) {
            cache.remove(aggregateId);
        }
    }
}
