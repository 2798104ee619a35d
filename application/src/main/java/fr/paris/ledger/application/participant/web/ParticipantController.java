package fr.paris.ledger.application.participant.web;

import fr.paris.ledger.application.api.validation.Text;
import fr.paris.ledger.application.participant.Erasures;
import fr.paris.ledger.application.participant.ParticipantReads;
import fr.paris.ledger.infra.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A participant's references, their erasure, and the resolution of staff references (docs/privacy.md). */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Participants and privacy", description = "Scoped references, erasure by crypto-shredding, staff references")
public class ParticipantController {
    private final ParticipantReads reads;
    private final Erasures erasures;

    public ParticipantController(ParticipantReads reads, Erasures erasures) {
        this.reads = reads;
        this.erasures = erasures;
    }

    /** The caller's reference in a scope. */
    public record ReferenceJson(String scope, String reference) {
    }

    /** Who a staff reference names (AUDITOR, ADMIN). */
    public record StaffJson(String reference, String subject) {
    }

    /** An erasure requested by the data-protection officer. */
    public record ErasureRequest(
            @Text(max = 200, message = "the person's identity-provider subject, 1 to 200 characters") String subject) {
    }

    @GetMapping("/participants/me/references")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The caller's reference in a scope, as it appears in the public export (never creates a key)")
    public ReferenceJson reference(@RequestParam(required = false) String scope, Authentication auth) {
        return new ReferenceJson(scope, reads.reference(Caller.from(auth), scope).value());
    }

    @DeleteMapping("/participants/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Erase oneself: open acts are ended by ordinary events, then the subject key is destroyed")
    public Erasures.Erased eraseMe(Authentication auth) {
        return erasures.erase(Caller.from(auth).subject());
    }

    @PostMapping("/admin/erasures")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Erase a person on a request received by the data-protection officer")
    public Erasures.Erased erase(@Valid @RequestBody ErasureRequest body) {
        return erasures.erase(body.subject());
    }

    @GetMapping("/admin/staff/{reference}")
    @PreAuthorize("hasAnyRole('AUDITOR', 'ADMIN')")
    @Operation(summary = "The staff member a staff reference (s-...) names: staff acts are accountable")
    public StaffJson staff(@PathVariable String reference) {
        return new StaffJson(reference, reads.staffMember(reference));
    }
}
