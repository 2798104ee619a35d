package fr.paris.ledger.infra.projection;

import java.util.List;

/**
 * Where one projection stands: the global index it has processed up to, the head of the event
 * store, and how many positions it is behind (global indexes may have gaps, so this is an upper
 * bound on the number of events still to process). With several nodes, {@code node} is the node
 * that answers and {@code segments} says which node holds the claim of each segment (from
 * {@code token_entry}).
 */
public record ProjectionStatus(String name, boolean running, boolean error, boolean replaying,
                               Long position, long head, long lag, String node, List<Segment> segments) {

    /** One segment of the processor: the node that holds its claim (null when unclaimed), and whether it is this one. */
    public record Segment(int segment, String owner, boolean mine, Long position) {
    }
}
