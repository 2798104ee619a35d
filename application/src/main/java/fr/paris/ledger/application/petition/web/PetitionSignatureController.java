package fr.paris.ledger.application.petition.web;

import fr.paris.ledger.application.petition.PetitionActs;
import fr.paris.ledger.application.petition.PetitionReads;
import fr.paris.ledger.application.petition.SignatureCounts;
import fr.paris.ledger.application.petition.web.PetitionResponses.SignatureCountJson;
import fr.paris.ledger.application.petition.web.PetitionResponses.SignatureReceiptJson;
import fr.paris.ledger.infra.security.Caller;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Paris Pétition: signing, withdrawing one's signature, and the count of valid signatures as of a moment. */
@RestController
@RequestMapping("/api/v1/petitions")
@Tag(name = "Petitions", description = "Paris Pétition")
public class PetitionSignatureController {
    private final PetitionActs acts;
    private final PetitionReads reads;

    public PetitionSignatureController(PetitionActs acts, PetitionReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping("/{id}/signatures")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Sign (a Parisian, once, while the petition is open)")
    public SignatureReceiptJson sign(@PathVariable String id, Authentication auth) {
        return SignatureReceiptJson.of(acts.sign(Caller.from(auth), id));
    }

    @DeleteMapping("/{id}/signatures/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Withdraw one's signature while the petition is open")
    public SignatureReceiptJson withdrawSignature(@PathVariable String id, Authentication auth) {
        return SignatureReceiptJson.of(acts.withdrawSignature(Caller.from(auth), id));
    }

    @GetMapping("/{id}/signatures/count")
    @Operation(summary = "Valid signatures as of a moment (rounded down to the second), recounted from the events (public)")
    public SignatureCountJson countAsOf(@PathVariable String id, @RequestParam(required = false) String asOf,
                                        Authentication auth, HttpServletRequest request) {
        SignatureCounts.Count count = reads.count(Callers.of(auth), id, asOf, request.getRemoteAddr());
        return new SignatureCountJson(id, count.result().validSignatures(), count.asOf());
    }
}
