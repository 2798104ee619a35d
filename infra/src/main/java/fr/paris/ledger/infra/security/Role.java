package fr.paris.ledger.infra.security;

/** The roles of the {@code roles} claim. */
public enum Role {
    CITIZEN,
    AGENT,
    CPDP,
    AUDITOR,
    ADMIN;

    public String authority() {
        return "ROLE_" + name();
    }
}
