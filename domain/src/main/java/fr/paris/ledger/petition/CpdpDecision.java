package fr.paris.ledger.petition;

/** The Commission Parisienne du Débat Public's decision on an eligible or closed petition. */
public enum CpdpDecision {
    PLACE_ON_AGENDA,
    DECLINE
}
