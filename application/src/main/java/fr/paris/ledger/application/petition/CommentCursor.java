package fr.paris.ledger.application.petition;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Where a page of comments ends: the last comment's time and id, opaque to clients (the page's {@code next}). */
public record CommentCursor(Instant at, String commentId) {
    public String encode() {
        long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + commentId).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back ({@code after}); null when absent; a 400 on field {@code after} when not one of ours. */
    public static CommentCursor parse(String value) {
        if (value == null) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            String id = text.substring(colon + 1);
            if (!id.matches("com-[0-9a-f-]{36}")) {
                throw new IllegalArgumentException("not a comment id");
            }
            return new CommentCursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L), id);
        } catch (RuntimeException e) {
            throw new InvalidRequest("after", "the next of a previous page");
        }
    }
}
