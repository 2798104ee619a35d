package fr.paris.ledger.budget;

import fr.paris.ledger.shared.SingleValue;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/** A project's id: {@code bp<year>-} and ten base-32 characters, so that a campaign's projects share a prefix. */
public record ProjectId(String value) implements SingleValue {
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final Pattern FORMAT = Pattern.compile("bp(\\d{4})-[0-9a-hjkmnp-tv-z]{10}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public ProjectId {
        Objects.requireNonNull(value, "project id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a project id reads bp<year>- and ten characters");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    public static ProjectId random(CampaignYear year) {
        StringBuilder sb = new StringBuilder("bp").append(year.value()).append('-');
        for (int i = 0; i < 10; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new ProjectId(sb.toString());
    }

    public int year() {
        return Integer.parseInt(value.substring(2, 6));
    }

    /** The prefix shared by the aggregate identifiers of a campaign's projects. */
    public static String aggregatePrefix(CampaignYear year) {
        return "budget-project:bp" + year.value() + "-";
    }

    @Override
    public String toString() {
        return "budget-project:" + value;
    }
}
