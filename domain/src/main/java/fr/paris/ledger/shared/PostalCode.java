package fr.paris.ledger.shared;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * A French postal code as given by the identity provider's {@code postal_code} claim.
 *
 * <p>A Parisian is someone whose postal code is one of Paris's: 75001 to 75020, or 75116 (the
 * northern part of the 16th arrondissement).
 */
public record PostalCode(String value) implements SingleValue {
    private static final Pattern FIVE_DIGITS = Pattern.compile("\\d{5}");

    public PostalCode {
        Objects.requireNonNull(value, "postal code");
        if (!FIVE_DIGITS.matcher(value).matches()) {
            throw new IllegalArgumentException("a postal code has five digits");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FIVE_DIGITS.matcher(value).matches();
    }

    /** The arrondissement (1 to 20) of a Paris postal code, empty outside Paris. */
    public OptionalInt arrondissement() {
        if (value.equals("75116")) {
            return OptionalInt.of(16);
        }
        if (value.startsWith("750")) {
            int n = Integer.parseInt(value.substring(3));
            if (n >= 1 && n <= 20) {
                return OptionalInt.of(n);
            }
        }
        return OptionalInt.empty();
    }

    public boolean isParisian() {
        return arrondissement().isPresent();
    }

    @Override
    public String toString() {
        return value;
    }
}
