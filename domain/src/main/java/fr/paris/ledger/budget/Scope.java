package fr.paris.ledger.budget;

import fr.paris.ledger.shared.SingleValue;
import java.util.Objects;

/** Where a project applies: {@code PARIS} (Paris-wide) or an arrondissement, {@code "1"} to {@code "20"}. */
public record Scope(String value) implements SingleValue, Comparable<Scope> {
    public static final Scope PARIS = new Scope("PARIS");

    public Scope {
        Objects.requireNonNull(value, "scope");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("a scope is PARIS or an arrondissement 1 to 20");
        }
    }

    public static boolean isWellFormed(String value) {
        if ("PARIS".equals(value)) {
            return true;
        }
        if (value == null || !value.matches("[1-9][0-9]?")) {
            return false;
        }
        int n = Integer.parseInt(value);
        return n >= 1 && n <= 20;
    }

    public static Scope arrondissement(int n) {
        return new Scope(Integer.toString(n));
    }

    public boolean isParisWide() {
        return this.equals(PARIS);
    }

    /** PARIS first, then the arrondissements in number order. */
    @Override
    public int compareTo(Scope other) {
        return Integer.compare(rank(), other.rank());
    }

    private int rank() {
        return isParisWide() ? 0 : Integer.parseInt(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
