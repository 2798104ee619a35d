package fr.paris.ledger.projections.benefit;

import java.time.Instant;

/**
 * An event or workshop as the public sees it: its seats for card holders, how many are taken and how
 * many holders wait. {@code status}: {@code SCHEDULED}, {@code STARTED} (its start has passed) or
 * {@code CANCELLED}.
 */
public record CardEventView(String eventId, String kind, String title, Instant startsAt, int seats, int confirmed,
                            int waitlisted, String status) {
}
