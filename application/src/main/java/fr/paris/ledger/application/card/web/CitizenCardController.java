package fr.paris.ledger.application.card.web;

import fr.paris.ledger.application.card.CardActs;
import fr.paris.ledger.application.card.CardReads;
import fr.paris.ledger.application.card.web.CardAnswers.CardCancelledJson;
import fr.paris.ledger.application.card.web.CardAnswers.CardMovedJson;
import fr.paris.ledger.application.card.web.CardRequests.CardCancelRequest;
import fr.paris.ledger.application.card.web.CardRequests.CardIssueRequest;
import fr.paris.ledger.application.card.web.CardRequests.CardResidenceRequest;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.projections.card.CardStats;
import fr.paris.ledger.shared.PostalCode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Carte Citoyenne: issue, read, cancel, change of residence, and the public statistics. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Citizen cards", description = "Carte Citoyenne-Citoyen de Paris")
public class CitizenCardController {
    private final CardActs acts;
    private final CardReads reads;

    public CitizenCardController(CardActs acts, CardReads reads) {
        this.acts = acts;
        this.reads = reads;
    }

    @PostMapping("/citizen-cards")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT')")
    @Operation(summary = "Issue a card: to oneself (CITIZEN, body {}), or on someone's behalf (AGENT, all fields)")
    public ResponseEntity<CardJson> issue(@RequestBody CardIssueRequest body, Authentication auth) {
        return ResponseEntity.status(HttpStatus.CREATED).body(CardJson.issued(acts.issue(Caller.from(auth), body.onBehalf())));
    }

    @GetMapping("/citizen-cards/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The caller's most recent card (404 card.not-found if none)")
    public CardJson mine(Authentication auth) {
        return CardJson.of(reads.mine(Caller.from(auth)));
    }

    @PostMapping("/citizen-cards/{cardNumber}/cancel")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT')")
    @Operation(summary = "Cancel a card: its holder, or an agent")
    public CardCancelledJson cancel(@PathVariable String cardNumber,
                                    @Valid @RequestBody(required = false) CardCancelRequest body, Authentication auth) {
        String reason = body == null ? null : body.reason();
        return CardCancelledJson.of(cardNumber, acts.cancel(Caller.from(auth), cardNumber, reason));
    }

    @PostMapping("/citizen-cards/{cardNumber}/residence")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The holder moved: a Paris postal code updates the arrondissement, any other cancels the card")
    public CardMovedJson changeResidence(@PathVariable String cardNumber, @Valid @RequestBody CardResidenceRequest body,
                                         Authentication auth) {
        PostalCode postalCode = new PostalCode(body.postalCode());
        return CardMovedJson.of(cardNumber, postalCode, acts.changeResidence(Caller.from(auth), cardNumber, postalCode));
    }

    @GetMapping("/stats/citizen-cards")
    @Operation(summary = "Active cards in all, by arrondissement and by age band (public)")
    public CardStats stats() {
        return reads.stats();
    }
}
