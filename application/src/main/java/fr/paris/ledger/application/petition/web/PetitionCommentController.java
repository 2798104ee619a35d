package fr.paris.ledger.application.petition.web;

import fr.paris.ledger.application.api.Paging;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.petition.CommentCursor;
import fr.paris.ledger.application.petition.PetitionActs;
import fr.paris.ledger.application.petition.PetitionReads;
import fr.paris.ledger.application.petition.web.PetitionResponses.CommentHiddenJson;
import fr.paris.ledger.application.petition.web.PetitionResponses.CommentPostedJson;
import fr.paris.ledger.infra.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Paris Pétition: comments on a petition, their pages, and their hiding by an agent. */
@RestController
@RequestMapping("/api/v1/petitions")
@Tag(name = "Petitions", description = "Paris Pétition")
public class PetitionCommentController {
    private final PetitionActs acts;
    private final PetitionReads reads;

    public PetitionCommentController(PetitionActs acts, PetitionReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping("/{id}/comments")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Comment on an open petition")
    public CommentPostedJson comment(@PathVariable String id, @Valid @RequestBody PetitionRequests.Comment body,
                                     Authentication auth) {
        return CommentPostedJson.of(acts.comment(Caller.from(auth), id, body.text()));
    }

    @GetMapping("/{id}/comments")
    @Operation(summary = "Comments, oldest first, paged: ?limit= (default 50, at most 200) &after=<next of the previous page> (public)")
    public CommentPage comments(@PathVariable String id, @RequestParam(required = false) String limit,
                                @RequestParam(required = false) String after, Authentication auth) {
        int size = Paging.limit(limit);
        return CommentPage.of(reads.comments(Callers.of(auth), id, size, CommentCursor.parse(after)));
    }

    @PostMapping("/{id}/comments/{commentId}/hide")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Hide a comment, with a reason (an agent); it stays in the log and shows as hidden")
    public CommentHiddenJson hide(@PathVariable String id, @PathVariable String commentId,
                                  @Valid @RequestBody PetitionRequests.Hide body, Authentication auth) {
        return new CommentHiddenJson(commentId, true, ReceiptJson.of(acts.hide(Caller.from(auth), id, commentId, body.reason())));
    }
}
