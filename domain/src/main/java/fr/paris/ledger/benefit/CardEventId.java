package fr.paris.ledger.benefit;

import fr.paris.ledger.shared.SingleValue;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An event or workshop offered to card holders, by the id the agent who schedules it chooses: letters,
 * digits and dashes, e.g. {@code visite-catacombes-2027-03}.
 */
public record CardEventId(String value) implements SingleValue {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    public CardEventId {
        Objects.requireNonNull(value, "card event id");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("a card event id has 1 to 64 letters, digits or dashes, not starting with a dash");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** The event store's aggregate identifier: one aggregate per event, every reservation of it inside. */
    public String aggregateId() {
        return "card-event:" + value;
    }

    @Override
    public String toString() {
        return aggregateId();
    }
}
