package fr.paris.ledger.benefit;

/** The seats of an event and how many holders have one or wait for one, after an act. */
public record Occupancy(int seats, int confirmed, int waitlisted) {
}
