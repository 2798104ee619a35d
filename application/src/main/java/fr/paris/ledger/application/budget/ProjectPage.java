package fr.paris.ledger.application.budget;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.projections.budget.BudgetQueries.ProjectView;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * A page of a campaign's projects, as the paging convention of api.md says: {@code {items, next}},
 * {@code next} absent on the last page; {@code limit} 1 to 200 (default 50). The cursor names the
 * last project of the page.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectPage(List<ProjectView> items, String next) {
    static int limit(String value) {
        return fr.paris.ledger.application.api.Paging.limit(value);
    }

    static ProjectPage of(List<ProjectView> all, String after, int size) {
        int start = 0;
        if (after != null) {
            String last;
            try {
                last = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("after", "the next of a previous page");
            }
            start = -1;
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).projectId().equals(last)) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw new InvalidRequest("after", "the next of a previous page");
            }
        }
        int end = Math.min(all.size(), start + size);
        List<ProjectView> items = List.copyOf(all.subList(start, end));
        String next = end < all.size() ? Base64.getUrlEncoder().withoutPadding()
                .encodeToString(items.get(items.size() - 1).projectId().getBytes(StandardCharsets.UTF_8)) : null;
        return new ProjectPage(items, next);
    }
}
