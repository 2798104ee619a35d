package fr.paris.ledger.application.petition.web;

import fr.paris.ledger.application.petition.PetitionActs;
import fr.paris.ledger.application.petition.PetitionReads;
import fr.paris.ledger.application.petition.web.PetitionResponses.PetitionDecidedJson;
import fr.paris.ledger.application.petition.web.PetitionResponses.PetitionFiledJson;
import fr.paris.ledger.application.petition.web.PetitionResponses.PetitionModeratedJson;
import fr.paris.ledger.application.petition.web.PetitionResponses.PetitionWithdrawnJson;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.petition.CpdpDecision;
import fr.paris.ledger.petition.Moderation;
import fr.paris.ledger.projections.petition.PetitionQueries;
import fr.paris.ledger.projections.petition.PetitionSummary;
import fr.paris.ledger.projections.petition.PetitionView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
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

/** Paris Pétition: filing, moderation, withdrawal, the CPDP's report and decision, and the petition's pages. */
@RestController
@RequestMapping("/api/v1/petitions")
@Tag(name = "Petitions", description = "Paris Pétition")
public class PetitionController {
    private final PetitionActs acts;
    private final PetitionReads reads;

    public PetitionController(PetitionActs acts, PetitionReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "File a petition (a Parisian); it awaits moderation")
    public PetitionFiledJson file(@Valid @RequestBody PetitionRequests.File body, Authentication auth) {
        return PetitionFiledJson.of(acts.file(Caller.from(auth), body.title(), body.text(), body.category(),
                body.arrondissement()));
    }

    @PostMapping("/{id}/moderation")
    @PreAuthorize("hasRole('AGENT')")
    @Operation(summary = "Publish (opens 365 days of signing) or reject with a reason")
    public PetitionModeratedJson moderate(@PathVariable String id, @Valid @RequestBody PetitionRequests.Moderate body,
                                          Authentication auth) {
        return PetitionModeratedJson.of(acts.moderate(Caller.from(auth), id, Moderation.valueOf(body.decision()), body.reason()));
    }

    @PostMapping("/{id}/withdraw")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The author withdraws the petition")
    public PetitionWithdrawnJson withdraw(@PathVariable String id, @Valid @RequestBody(required = false) PetitionRequests.Reason body,
                                          Authentication auth) {
        return PetitionWithdrawnJson.of(acts.withdraw(Caller.from(auth), id, body == null ? null : body.reason()));
    }

    @GetMapping
    @Operation(summary = "Petitions by status, most recent first (public; agents also see those awaiting moderation or rejected)")
    public List<PetitionSummary> list(@RequestParam(required = false) String status,
                                      @RequestParam(defaultValue = "50") int limit,
                                      @RequestParam(defaultValue = "0") int offset, Authentication auth) {
        return reads.list(Callers.of(auth), status, limit, offset);
    }

    @GetMapping("/{id}")
    @Operation(summary = "A petition with its live count, by arrondissement, and whether it is eligible (public)")
    public PetitionView get(@PathVariable String id, Authentication auth) {
        return reads.petition(Callers.of(auth), id);
    }

    @GetMapping("/{id}/history")
    @Operation(summary = "The petition's timeline with the signature count at each moment (public)")
    public List<PetitionQueries.HistoryEntry> history(@PathVariable String id, Authentication auth) {
        return reads.history(Callers.of(auth), id);
    }

    @GetMapping("/{id}/eligibility")
    @PreAuthorize("hasAnyRole('CPDP', 'AUDITOR')")
    @Operation(summary = "The CPDP's eligibility report, recounted from the events")
    public EligibilityReport eligibility(@PathVariable String id) {
        return EligibilityReport.of(reads.eligibility(id));
    }

    @PostMapping("/{id}/cpdp-decision")
    @PreAuthorize("hasRole('CPDP')")
    @Operation(summary = "Place an eligible petition on the council agenda, or decline with a reason")
    public PetitionDecidedJson decide(@PathVariable String id, @Valid @RequestBody PetitionRequests.Decide body, Authentication auth) {
        return PetitionDecidedJson.of(acts.decide(Caller.from(auth), id, CpdpDecision.valueOf(body.decision()),
                body.councilSession(), body.reason()));
    }
}
