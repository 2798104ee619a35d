package fr.paris.ledger.benefit;

/** What a card holder reserves a place at: a city event ("visite insolite", cultural event) or an Atelier Citoyen. */
public enum BenefitKind {
    EVENT,
    WORKSHOP
}
