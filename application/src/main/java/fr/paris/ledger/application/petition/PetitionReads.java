package fr.paris.ledger.application.petition;

import static fr.paris.ledger.application.petition.PetitionIds.notFound;
import static fr.paris.ledger.application.petition.PetitionIds.parse;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.application.api.Requests;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.projection.ReadYourWrites;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.infra.security.Role;
import fr.paris.ledger.petition.PetitionDirectory;
import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionStatus;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.projections.petition.PetitionProjection;
import fr.paris.ledger.projections.petition.PetitionQueries;
import fr.paris.ledger.projections.petition.PetitionSummary;
import fr.paris.ledger.projections.petition.PetitionView;
import fr.paris.ledger.projections.petition.PetitionViewCache;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The reads of Paris Pétition. Published petitions are public; one awaiting moderation, rejected or
 * withdrawn before publication only to the city's roles and to its author. The author reads their
 * own writes: their petition's page waits until the read model has passed its last event.
 * {@code caller} is empty for an anonymous request.
 */
@Component
public class PetitionReads {
    private static final Set<Role> SEE_UNPUBLISHED = Set.of(Role.AGENT, Role.CPDP, Role.AUDITOR, Role.ADMIN);

    /** A comment as the public reads it: no text when hidden by an agent, or once its author's data was erased. */
    public record Comment(String commentId, String text, Instant commentedAt, boolean erased, boolean hidden,
                          String hiddenReason) {
    }

    /** A page of comments, and where the next one starts (null on the last page). */
    public record Comments(List<Comment> items, CommentCursor next) {
    }

    /** The recount of a petition's signatures from the events, against its signing window. */
    public record Eligibility(PetitionId petitionId, Instant windowStart, Instant windowEnd, SignatureRecount.Result recount) {
    }

    private final PetitionQueries petitions;
    private final PetitionViewCache pages;
    private final PetitionDirectory directory;
    private final PetitionAudit audit;
    private final SignatureCounts counts;
    private final Participants participants;
    private final ReadYourWrites readYourWrites;

    public PetitionReads(PetitionQueries petitions, PetitionViewCache pages, PetitionDirectory directory, PetitionAudit audit,
                         SignatureCounts counts, Participants participants, ReadYourWrites readYourWrites) {
        this.petitions = petitions;
        this.pages = pages;
        this.directory = directory;
        this.audit = audit;
        this.counts = counts;
        this.participants = participants;
        this.readYourWrites = readYourWrites;
    }

    /** Petitions by status, most recent first; agents also see those awaiting moderation or rejected. */
    public List<PetitionSummary> list(Optional<Caller> caller, String status, int limit, int offset) {
        if (status != null) {
            Requests.enumOf(PetitionStatus.class, "status", status);
        }
        if (limit < 1 || limit > 200 || offset < 0) {
            throw new InvalidRequest("limit", "1 to 200, with offset 0 or more");
        }
        return petitions.list(status, seesUnpublished(caller), limit, offset);
    }

    /** The petition, if the caller may see it, with its live count. */
    public PetitionView petition(Optional<Caller> caller, String id) {
        PetitionView view = authorOf(id, caller)
                ? authorsView(id) // read your own writes: the author sees what they just did (api.md)
                : pages.find(id).orElseThrow(() -> notFound(id));
        boolean unpublished = view.opensAt() == null;
        if (unpublished && !seesUnpublished(caller) && !isAuthor(caller, id, view.author())) {
            throw notFound(id);
        }
        return view;
    }

    /** The petition's timeline, if the caller may see the petition. */
    public List<PetitionQueries.HistoryEntry> history(Optional<Caller> caller, String id) {
        petition(caller, id);
        return petitions.history(id);
    }

    /** A page of comments, oldest first, after {@code after} (null: from the first). */
    public Comments comments(Optional<Caller> caller, String id, int limit, CommentCursor after) {
        petition(caller, id);
        List<PetitionQueries.Comment> page = petitions.comments(id, after == null ? null : after.at(),
                after == null ? null : after.commentId(), limit + 1);
        List<Comment> items = page.stream().limit(limit).map(c -> {
            String text = c.hiddenAt() != null ? null : participants.open(c.commentId(), c.sealedText()).orElse(null);
            return new Comment(c.commentId(), text, c.commentedAt(), c.hiddenAt() == null && text == null,
                    c.hiddenAt() != null, c.hiddenReason());
        }).toList();
        CommentCursor next = page.size() > limit
                ? new CommentCursor(page.get(limit - 1).commentedAt(), page.get(limit - 1).commentId()) : null;
        return new Comments(items, next);
    }

    /**
     * Valid signatures as of {@code asOf} (an ISO-8601 time, answered at second precision; null:
     * now), recounted from the events within the limits of {@link SignatureCounts}; {@code client} is
     * the caller's address.
     */
    public SignatureCounts.Count count(Optional<Caller> caller, String id, String asOf, String client) {
        PetitionId petition = parse(id);
        Instant at = asOf == null ? null : instant("asOf", asOf);
        PetitionFacts facts = audit.facts(petition, null).orElseThrow(() -> notFound(petition));
        if (facts.window() == null && !seesUnpublished(caller) && !isAuthor(caller, petition.value(), facts.author())) {
            throw notFound(petition);
        }
        return counts.countAsOf(petition, at, client,
                moment -> audit.recount(petition, audit.facts(petition, moment).orElse(null), moment));
    }

    /** The CPDP's eligibility report: the recount of every signature event against the window. */
    public Eligibility eligibility(String id) {
        PetitionId petition = parse(id);
        PetitionFacts facts = audit.facts(petition, null).orElseThrow(() -> notFound(petition));
        return new Eligibility(petition, facts.window() == null ? null : facts.window().opensAt(),
                facts.window() == null ? null : facts.window().end(), audit.recount(petition, facts, null));
    }

    /** Whether the caller filed this petition (their reference in its author scope, judged from the event log). */
    private boolean authorOf(String id, Optional<Caller> caller) {
        if (caller.isEmpty() || !PetitionId.isWellFormed(id)) {
            return false;
        }
        return directory.find(new PetitionId(id)).map(facts -> isAuthor(caller, id, facts.author())).orElse(false);
    }

    /** The petition as its author last left it: the read model once it has passed the petition's last event. */
    private PetitionView authorsView(String id) {
        readYourWrites.awaitAggregate(PetitionProjection.NAME, new PetitionId(id).toString());
        return petitions.find(id).orElseThrow(() -> notFound(id));
    }

    private static boolean seesUnpublished(Optional<Caller> caller) {
        return caller.map(c -> c.roles().stream().anyMatch(SEE_UNPUBLISHED::contains)).orElse(false);
    }

    private boolean isAuthor(Optional<Caller> caller, String petitionId, String author) {
        return caller.flatMap(c -> participants.existingReference(c.subject(), ReferenceScope.petitionAuthor(petitionId)))
                .map(r -> r.value().equals(author)).orElse(false);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, "an ISO-8601 UTC time, e.g. 2026-11-26T10:15:30Z");
        }
    }
}
