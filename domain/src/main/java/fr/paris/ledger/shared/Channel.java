package fr.paris.ledger.shared;

/** How an act reached the ledger: by the participant online, or entered by a city agent. */
public enum Channel {
    ONLINE,
    PHONE_3975,
    TOWN_HALL,
    PAPER
}
