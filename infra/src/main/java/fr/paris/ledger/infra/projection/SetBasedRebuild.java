package fr.paris.ledger.infra.projection;

import java.util.Collection;
import java.util.List;

/**
 * How a projection is rebuilt in SQL instead of event by event: its rows are deleted ({@code empty}),
 * then computed from the stored events of the types its handlers handle ({@code fill}, each statement
 * run with those events as the common table expression {@code events}, see
 * {@code EventScanner#updateFromEvents}), all in one transaction; {@code afterCommit} then drops
 * what the projection keeps in memory. The statements must give exactly the rows its handlers would.
 *
 * @param processor the projection's processing group
 * @param eventTypes the payload types its handlers handle: the only events the rebuild reads
 * @param empty statements that delete its rows, in order
 * @param fill statements that insert its rows from {@code events}, in order
 * @param afterCommit run once the rebuild has committed (a cache of the read model dropped)
 */
public record SetBasedRebuild(String processor, Collection<Class<?>> eventTypes, List<String> empty, List<String> fill,
                              Runnable afterCommit) {
}
