package fr.paris.ledger.application.petition.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.paris.ledger.application.petition.PetitionReads;
import java.util.List;

/**
 * A page of comments, as the paging convention of api.md says: {@code {items, next}}, {@code next}
 * absent on the last page; {@code limit} 1 to 200 (default 50).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommentPage(List<CommentJson> items, String next) {
    static CommentPage of(PetitionReads.Comments page) {
        return new CommentPage(page.items().stream().map(CommentJson::of).toList(),
                page.next() == null ? null : page.next().encode());
    }
}
