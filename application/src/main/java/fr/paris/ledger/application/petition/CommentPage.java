package fr.paris.ledger.application.petition;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * A page of comments, as the paging convention of api.md says: {@code {items, next}}, {@code next}
 * absent on the last page; {@code limit} 1 to 200 (default 50).
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record CommentPage(List<CommentJson> items, String next) {
    static int limit(String value) {
        return fr.paris.ledger.application.api.Paging.limit(value);
    }

    /** Where a page ends: the last comment's time and id, opaque to clients. */
    record Cursor(Instant at, String commentId) {
        String encode() {
            long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + commentId).getBytes(StandardCharsets.UTF_8));
        }

        static Cursor parse(String value) {
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
                return new Cursor(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L), id);
            } catch (RuntimeException e) {
                throw new InvalidRequest("after", "the next of a previous page");
            }
        }
    }
}
