package fr.paris.ledger.infra.axon;

import java.util.List;

/**
 * What {@link CommandOutcomeInterceptor} returns in place of a handler's result: the result and
 * the ids of the events the command published, in order.
 */
public record HandledCommand(Object result, List<String> eventIds) {
}
