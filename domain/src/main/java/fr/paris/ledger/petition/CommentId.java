package fr.paris.ledger.petition;

import fr.paris.ledger.shared.SingleValue;
import java.util.Objects;
import java.util.UUID;

/** A comment's id. Its aggregate identifier is prefixed, as every aggregate identifier of the ledger. */
public record CommentId(String value) implements SingleValue {
    public CommentId {
        Objects.requireNonNull(value);
    }

    public static CommentId random() {
        return new CommentId("com-" + UUID.randomUUID());
    }

    @Override
    public String toString() {
        return "petition-comment:" + value;
    }
}
