package fr.paris.ledger.application.petition;

import static fr.paris.ledger.application.api.Requests.answer;
import static fr.paris.ledger.application.api.Requests.enumOf;
import static fr.paris.ledger.application.api.Requests.text;

import fr.paris.ledger.application.api.Grace;
import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.projection.ReadYourWrites;
import fr.paris.ledger.projections.petition.PetitionProjection;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.infra.security.Role;
import fr.paris.ledger.petition.CommentId;
import fr.paris.ledger.petition.HideComment;
import fr.paris.ledger.petition.CommentOnPetition;
import fr.paris.ledger.petition.CpdpDecision;
import fr.paris.ledger.petition.DecideOnPetition;
import fr.paris.ledger.petition.FilePetition;
import fr.paris.ledger.petition.ModeratePetition;
import fr.paris.ledger.petition.Moderation;
import fr.paris.ledger.petition.PetitionDirectory;
import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionStatus;
import fr.paris.ledger.petition.SignPetition;
import fr.paris.ledger.petition.SignatureId;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.petition.WithdrawPetition;
import fr.paris.ledger.petition.WithdrawSignature;
import fr.paris.ledger.projections.petition.PetitionQueries;
import fr.paris.ledger.projections.petition.PetitionSummary;
import fr.paris.ledger.projections.petition.PetitionView;
import fr.paris.ledger.projections.petition.PetitionViewCache;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Paris Pétition: filing, moderation, signatures, comments, withdrawal, the CPDP's check and decision, public reads. */
@RestController
@RequestMapping("/api/v1/petitions")
@Tag(name = "Petitions", description = "Paris Pétition")
public class PetitionController {
    private static final Set<Role> SEE_UNPUBLISHED = Set.of(Role.AGENT, Role.CPDP, Role.AUDITOR, Role.ADMIN);

    private final LedgerCommands commands;
    private final PetitionQueries petitions;
    private final PetitionViewCache pages;
    private final PetitionAudit audit;
    private final PetitionDirectory directory;
    private final SignatureCounts counts;
    private final Clock clock;
    private final Duration decisionGrace;
    private final Participants participants;
    private final ReadYourWrites readYourWrites;

    public PetitionController(LedgerCommands commands, PetitionQueries petitions, PetitionViewCache pages, PetitionAudit audit,
                              PetitionDirectory directory, SignatureCounts counts, Clock clock,
                              @Value("${ledger.petitions.decision-grace:PT2S}") Duration decisionGrace,
                              Participants participants, ReadYourWrites readYourWrites) {
        this.participants = participants;
        this.readYourWrites = readYourWrites;
        this.decisionGrace = decisionGrace;
        this.commands = commands;
        this.petitions = petitions;
        this.pages = pages;
        this.audit = audit;
        this.directory = directory;
        this.counts = counts;
        this.clock = clock;
    }

    @PostMapping
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "File a petition (a Parisian); it awaits moderation")
    public ResponseEntity<Map<String, Object>> file(@RequestBody PetitionRequests.File body, Authentication auth) {
        Caller caller = Caller.from(auth);
        List<FieldProblem> errors = new ArrayList<>();
        text(errors, "title", body.title(), 3, 200);
        text(errors, "text", body.text(), 1, 20_000);
        if (body.category() != null && (body.category().isBlank() || body.category().length() > 100)) {
            errors.add(new FieldProblem("category", "1 to 100 characters when given"));
        }
        if (body.arrondissement() != null && (body.arrondissement() < 1 || body.arrondissement() > 20)) {
            errors.add(new FieldProblem("arrondissement", "1 to 20 when given"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        PostalCode postalCode = caller.postalCode().orElseThrow(() -> RuleViolation.refused("petition.not-resident",
                "Your identity token carries no postal code: residence in Paris cannot be established."));
        PetitionId id = PetitionId.random();
        Accepted<Object> accepted = commands.act(() -> commands.send(new FilePetition(id,
                participants.reference(caller.subject(), ReferenceScope.petitionAuthor(id.value())), postalCode,
                body.title().strip(), body.text().strip(), body.category(), body.arrondissement())));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("id", id.value(), "status",
                PetitionStatus.PENDING_MODERATION.name(), "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @PostMapping("/{id}/moderation")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Publish (opens 365 days of signing) or reject with a reason")
    public Map<String, Object> moderate(@PathVariable String id, @RequestBody PetitionRequests.Moderate body,
                                        Authentication auth) {
        PetitionId petition = parse(id);
        Moderation decision = enumOf(Moderation.class, "decision", body.decision());
        if (decision == Moderation.REJECT && (body.reason() == null || body.reason().isBlank())) {
            throw new InvalidRequest("reason", "required to reject");
        }
        reason(body.reason());
        Accepted<PetitionFacts> accepted = send(petition, new ModeratePetition(petition, participants.staff(Caller.from(auth).subject()),
                decision, body.reason()));
        PetitionFacts after = accepted.result();
        return answer("status", after.recordedStatus().name(),
                "opensAt", after.window() == null ? null : after.window().opensAt(),
                "closesAt", after.window() == null ? null : after.window().closesAt(),
                "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/{id}/signatures")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Sign (a Parisian, once, while the petition is open)")
    public ResponseEntity<Map<String, Object>> sign(@PathVariable String id, Authentication auth) {
        PetitionId petition = parse(id);
        Caller caller = Caller.from(auth);
        Accepted<Object> accepted = commands.act(() -> commands.send(new SignPetition(new SignatureId(petition,
                participants.reference(caller.subject(), ReferenceScope.petition(petition.value()))),
                caller.postalCode().orElse(null))));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("receipt", ReceiptJson.of(accepted.receipt())));
    }

    @DeleteMapping("/{id}/signatures/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Withdraw one's signature while the petition is open")
    public Map<String, Object> withdrawSignature(@PathVariable String id, Authentication auth) {
        PetitionId petition = parse(id);
        try {
            ParticipantId signer = participants.existingReference(Caller.from(auth).subject(),
                    ReferenceScope.petition(petition.value())).orElseThrow(() -> new AggregateNotFoundException("", ""));
            Accepted<Object> accepted = commands.send(new WithdrawSignature(new SignatureId(petition, signer)));
            return answer("receipt", ReceiptJson.of(accepted.receipt()));
        } catch (AggregateNotFoundException neverSigned) {
            PetitionFacts facts = directory.find(petition).orElseThrow(() -> notFound(petition));
            if (!facts.isOpenAt(clock.instant())) {
                throw RuleViolation.refused("petition.not-open", "This petition is not open.");
            }
            throw RuleViolation.conflict("petition.not-signed", "You have not signed this petition.");
        }
    }

    @PostMapping("/{id}/withdraw")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The author withdraws the petition")
    public Map<String, Object> withdraw(@PathVariable String id, @RequestBody(required = false) PetitionRequests.Reason body,
                                        Authentication auth) {
        PetitionId petition = parse(id);
        String reason = body == null ? null : body.reason();
        reason(reason);
        Accepted<Object> accepted = send(petition, new WithdrawPetition(petition,
                participants.existingReference(Caller.from(auth).subject(), ReferenceScope.petitionAuthor(petition.value()))
                        .orElse(new ParticipantId("r-none")), reason));
        return answer("status", PetitionStatus.WITHDRAWN.name(), "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/{id}/comments")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Comment on an open petition")
    public ResponseEntity<Map<String, Object>> comment(@PathVariable String id, @RequestBody PetitionRequests.Comment body,
                                                       Authentication auth) {
        PetitionId petition = parse(id);
        List<FieldProblem> errors = new ArrayList<>();
        text(errors, "text", body.text(), 1, 5_000);
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        CommentId commentId = CommentId.random();
        String sub = Caller.from(auth).subject();
        Accepted<Object> accepted = commands.act(() -> {
            var author = participants.subjects().findOrCreate(sub).requireNotErasing();
            return commands.send(new CommentOnPetition(commentId, petition,
                    Participants.reference(author, ReferenceScope.comment(petition.value())),
                    participants.seal(author, commentId.value(), body.text().strip())));
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("commentId", commentId.value(),
                "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @GetMapping("/{id}/comments")
    @Operation(summary = "Comments, oldest first, paged: ?limit= (default 50, at most 200) &after=<next of the previous page> (public)")
    public CommentPage comments(@PathVariable String id, @RequestParam(required = false) String limit,
                                @RequestParam(required = false) String after, Authentication auth) {
        int size = CommentPage.limit(limit);
        CommentPage.Cursor cursor = CommentPage.Cursor.parse(after);
        visible(id, auth);
        List<PetitionQueries.Comment> page = petitions.comments(id, cursor == null ? null : cursor.at(),
                cursor == null ? null : cursor.commentId(), size + 1);
        List<CommentJson> items = page.stream().limit(size).map(c -> {
            String text = c.hiddenAt() != null ? null : participants.open(c.commentId(), c.sealedText()).orElse(null);
            return new CommentJson(c.commentId(), text, c.commentedAt(), c.hiddenAt() == null && text == null,
                    c.hiddenAt() != null, c.hiddenReason());
        }).toList();
        String next = page.size() > size ? new CommentPage.Cursor(page.get(size - 1).commentedAt(), page.get(size - 1).commentId())
                .encode() : null;
        return new CommentPage(items, next);
    }

    @PostMapping("/{id}/comments/{commentId}/hide")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Hide a comment, with a reason (an agent); it stays in the log and shows as hidden")
    public Map<String, Object> hide(@PathVariable String id, @PathVariable String commentId,
                                    @RequestBody PetitionRequests.Reason body, Authentication auth) {
        parse(id);
        if (body == null || body.reason() == null || body.reason().isBlank()) {
            throw new InvalidRequest("reason", "required to hide a comment");
        }
        reason(body.reason());
        if (!commentId.matches("com-[0-9a-f-]{36}")) {
            throw RuleViolation.notFound("petition.comment-not-found", "No comment " + commentId + ".");
        }
        try {
            Accepted<Object> accepted = commands.send(new HideComment(new CommentId(commentId),
                    participants.staff(Caller.from(auth).subject()), body.reason().strip()));
            return answer("commentId", commentId, "hidden", true, "receipt", ReceiptJson.of(accepted.receipt()));
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("petition.comment-not-found", "No comment " + commentId + ".");
        }
    }

    @GetMapping
    @Operation(summary = "Petitions by status, most recent first (public; agents also see those awaiting moderation or rejected)")
    public List<PetitionSummary> list(@RequestParam(required = false) String status,
                                      @RequestParam(defaultValue = "50") int limit,
                                      @RequestParam(defaultValue = "0") int offset, Authentication auth) {
        if (status != null) {
            enumOf(PetitionStatus.class, "status", status);
        }
        if (limit < 1 || limit > 200 || offset < 0) {
            throw new InvalidRequest("limit", "1 to 200, with offset 0 or more");
        }
        return petitions.list(status, seesUnpublished(auth), limit, offset);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A petition with its live count, by arrondissement, and whether it is eligible (public)")
    public PetitionView get(@PathVariable String id, Authentication auth) {
        return visible(id, auth);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The petition's timeline with the signature count at each moment (public)")
    public List<PetitionQueries.HistoryEntry> history(@PathVariable String id, Authentication auth) {
        visible(id, auth);
        return petitions.history(id);
    }

    @GetMapping("/{id}/signatures/count")
    @Operation(summary = "Valid signatures as of a moment (rounded down to the second), recounted from the events (public)")
    public Map<String, Object> countAsOf(@PathVariable String id, @RequestParam(required = false) String asOf,
                                         Authentication auth, jakarta.servlet.http.HttpServletRequest request) {
        PetitionId petition = parse(id);
        Instant at = asOf == null ? null : instant("asOf", asOf);
        PetitionFacts facts = audit.facts(petition, null).orElseThrow(() -> notFound(petition));
        if (facts.window() == null && !seesUnpublished(auth) && !isAuthor(auth, petition.value(), facts.author())) {
            throw notFound(petition);
        }
        // asOf is answered at second precision (rounded down), and the answer's asOf says so
        SignatureCounts.Count c = counts.countAsOf(petition, at, request.getRemoteAddr(),
                moment -> audit.recount(petition, audit.facts(petition, moment).orElse(null), moment));
        return answer("petitionId", petition.value(), "validSignatures", c.result().validSignatures(), "asOf", c.asOf());
    }

    @GetMapping("/{id}/eligibility")
    @PreAuthorize("hasAnyRole('CPDP', 'AUDITOR')")
    @Operation(summary = "The CPDP's eligibility report, recounted from the events")
    public EligibilityReport eligibility(@PathVariable String id) {
        PetitionId petition = parse(id);
        PetitionFacts facts = audit.facts(petition, null).orElseThrow(() -> notFound(petition));
        return report(petition, facts);
    }

    @PostMapping("/{id}/cpdp-decision")
    @PreAuthorize("hasRole('CPDP')")
    @Operation(summary = "Place an eligible petition on the council agenda, or decline with a reason")
    public Map<String, Object> decide(@PathVariable String id, @RequestBody PetitionRequests.Decide body, Authentication auth) {
        PetitionId petition = parse(id);
        CpdpDecision decision = enumOf(CpdpDecision.class, "decision", body.decision());
        LocalDate session = null;
        if (decision == CpdpDecision.PLACE_ON_AGENDA) {
            try {
                session = LocalDate.parse(String.valueOf(body.councilSession()));
            } catch (DateTimeParseException e) {
                throw new InvalidRequest("councilSession", "required to place on the agenda, as YYYY-MM-DD");
            }
        } else if (body.reason() == null || body.reason().isBlank()) {
            throw new InvalidRequest("reason", "required to decline");
        }
        reason(body.reason());
        audit.facts(petition, null).orElseThrow(() -> notFound(petition));
        // the decision is taken as of this moment: signatures and withdrawals stamped before it finish
        // committing during the grace, then the count as of it is final and recorded with the decision
        Instant countedAsOf = clock.instant();
        Grace.await(decisionGrace);
        PetitionFacts facts = audit.facts(petition, countedAsOf).orElseThrow(() -> notFound(petition));
        EligibilityReport report = report(petition, facts, countedAsOf);
        Accepted<PetitionStatus> accepted = commands.send(new DecideOnPetition(petition, participants.staff(Caller.from(auth).subject()),
                decision, session, body.reason(), report.validSignatures(), report.thresholdReachedAt(), countedAsOf));
        return answer("status", accepted.result().name(), "validSignatures", report.validSignatures(),
                "receipt", ReceiptJson.of(accepted.receipt()));
    }

    /** A reason, when given, has at most 2000 characters. */
    private static void reason(String reason) {
        if (reason != null && reason.length() > 2_000) {
            throw new InvalidRequest("reason", "at most 2000 characters");
        }
    }

    private EligibilityReport report(PetitionId petition, PetitionFacts facts) {
        return report(petition, facts, null);
    }

    private EligibilityReport report(PetitionId petition, PetitionFacts facts, Instant asOf) {
        SignatureRecount.Result r = audit.recount(petition, facts, asOf);
        return EligibilityReport.of(petition.value(), facts.window() == null ? null : facts.window().opensAt(),
                facts.window() == null ? null : facts.window().end(), r);
    }

    /** The petition, if the caller may see it: unpublished ones only to the city's roles and the author. */
    private PetitionView visible(String id, Authentication auth) {
        PetitionView view = authorOf(id, auth)
                ? authorsView(id) // read your own writes: the author sees what they just did (api.md)
                : pages.find(id).orElseThrow(() -> notFound(id));
        boolean unpublished = view.opensAt() == null;
        if (unpublished && !seesUnpublished(auth) && !isAuthor(auth, id, view.author())) {
            throw notFound(id);
        }
        return view;
    }

    /** Whether the caller filed this petition (their reference in its author scope, judged from the event log). */
    private boolean authorOf(String id, Authentication auth) {
        if (auth == null || auth instanceof AnonymousAuthenticationToken || !PetitionId.isWellFormed(id)) {
            return false;
        }
        return directory.find(new PetitionId(id)).map(facts -> isAuthor(auth, id, facts.author())).orElse(false);
    }

    /** The petition as its author last left it: the read model once it has passed the petition's last event. */
    private PetitionView authorsView(String id) {
        readYourWrites.awaitAggregate(PetitionProjection.NAME, new PetitionId(id).toString());
        return petitions.find(id).orElseThrow(() -> notFound(id));
    }

    private static boolean seesUnpublished(Authentication auth) {
        if (auth == null || auth instanceof AnonymousAuthenticationToken) {
            return false;
        }
        Caller caller = Caller.from(auth);
        return caller.roles().stream().anyMatch(SEE_UNPUBLISHED::contains);
    }

    private boolean isAuthor(Authentication auth, String petitionId, String author) {
        return auth != null && !(auth instanceof AnonymousAuthenticationToken)
                && participants.existingReference(Caller.from(auth).subject(), ReferenceScope.petitionAuthor(petitionId))
                        .map(r -> r.value().equals(author)).orElse(false);
    }

    private <R> Accepted<R> send(PetitionId petition, Object command) {
        try {
            return commands.send(command);
        } catch (AggregateNotFoundException e) {
            throw notFound(petition);
        }
    }

    private static PetitionId parse(String id) {
        if (!PetitionId.isWellFormed(id)) {
            throw notFound(id);
        }
        return new PetitionId(id);
    }

    private static RuleViolation notFound(PetitionId id) {
        return notFound(id.value());
    }

    private static RuleViolation notFound(String id) {
        return RuleViolation.notFound("petition.not-found", "No petition " + id + ".");
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(field, "an ISO-8601 UTC time, e.g. 2026-11-26T10:15:30Z");
        }
    }


}
