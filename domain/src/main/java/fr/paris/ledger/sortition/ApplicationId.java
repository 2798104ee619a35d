package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.SingleValue;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The pseudonymous public id of one application: {@code app-} and twelve random lowercase base-32
 * characters. It is what the published pool, draw and member list show; it says nothing of the
 * participant, whose id stays in the events only.
 */
public record ApplicationId(String value) implements SingleValue {
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final Pattern FORMAT = Pattern.compile("app-[0-9a-hjkmnp-tv-z]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ApplicationId {
        Objects.requireNonNull(value, "application id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("an application id reads app- and twelve characters");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static ApplicationId random() {
        StringBuilder sb = new StringBuilder("app-");
        for (int i = 0; i < 12; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new ApplicationId(sb.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
