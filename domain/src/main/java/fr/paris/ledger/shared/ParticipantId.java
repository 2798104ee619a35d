package fr.paris.ledger.shared;

import java.util.Objects;

/** The stable pseudonymous id of a participant: the {@code sub} claim of the city's identity provider. */
public record ParticipantId(String value) implements SingleValue {
    public ParticipantId {
        Objects.requireNonNull(value, "participant id");
        if (value.isBlank() || value.length() > 200) {
            throw new IllegalArgumentException("a participant id has 1 to 200 characters");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
