package fr.paris.ledger.application.petition;

import java.time.Instant;

/** A comment as the public reads it; {@code text} is null and {@code erased} true once its author's data was erased. */
public record CommentJson(String commentId, String text, Instant commentedAt, boolean erased) {
}
