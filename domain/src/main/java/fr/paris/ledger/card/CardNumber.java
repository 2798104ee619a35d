package fr.paris.ledger.card;

import fr.paris.ledger.shared.SingleValue;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/** The number printed on a citizen card: {@code CC-} and ten characters of Crockford base 32. */
public record CardNumber(String value) implements SingleValue {
    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern FORMAT = Pattern.compile("CC-[0-9A-HJKMNP-TV-Z]{10}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public CardNumber {
        Objects.requireNonNull(value, "card number");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a card number reads CC- and ten characters");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** A fresh, unguessable card number (50 random bits). */
    public static CardNumber random() {
        StringBuilder sb = new StringBuilder("CC-");
        for (int i = 0; i < 10; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new CardNumber(sb.toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
