package fr.paris.ledger.budget;

/** The city services' feasibility verdict on a project. */
public enum Verdict {
    FEASIBLE,
    NOT_FEASIBLE,
    MERGED
}
