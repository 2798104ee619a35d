package fr.paris.ledger.petition;

/** An agent's moderation decision. */
public enum Moderation {
    PUBLISH,
    REJECT
}
