package fr.paris.ledger.petition;

import fr.paris.ledger.shared.SingleValue;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/** A petition's public id: {@code pet-} and twelve lowercase base-32 characters. */
public record PetitionId(String value) implements SingleValue {
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final Pattern FORMAT = Pattern.compile("pet-[0-9a-hjkmnp-tv-z]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public PetitionId {
        Objects.requireNonNull(value, "petition id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a petition id reads pet- and twelve characters");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static PetitionId random() {
        StringBuilder sb = new StringBuilder("pet-");
        for (int i = 0; i < 12; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new PetitionId(sb.toString());
    }

    /** The event store's aggregate identifier of the petition itself. */
    public String aggregateId() {
        return "petition:" + value;
    }

    @Override
    public String toString() {
        return aggregateId();
    }
}
