package fr.paris.ledger.shared;

import java.util.Objects;

/**
 * A participant as the ledger records them: a reference scoped to one instrument ({@code r-...}, derived
 * from an erasable subject key) or a staff reference ({@code s-...}); never an identity-provider
 * {@code sub} (docs/privacy.md).
 */
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
