package fr.paris.ledger.infra.projection;

/**
 * Where one projection stands: the global index it has processed up to, the head of the event
 * store, and how many positions it is behind (global indexes may have gaps, so this is an upper
 * bound on the number of events still to process).
 */
public record ProjectionStatus(String name, boolean running, boolean error, boolean replaying,
                               Long position, long head, long lag) {
}
