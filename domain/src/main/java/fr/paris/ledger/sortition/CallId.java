package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.SingleValue;
import java.util.Objects;
import java.util.regex.Pattern;

/** A call for applications, named within its council by the admin who opens it, e.g. {@code 2026}. */
public record CallId(String value) implements SingleValue {
    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public CallId {
        Objects.requireNonNull(value, "call id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a call id has 1 to 64 lowercase letters, digits or dashes");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
