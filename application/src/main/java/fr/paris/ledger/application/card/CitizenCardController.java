package fr.paris.ledger.application.card;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.card.CancelCitizenCard;
import fr.paris.ledger.card.CardHolderId;
import fr.paris.ledger.card.CardNumber;
import fr.paris.ledger.card.ChangeCardResidence;
import fr.paris.ledger.card.CitizenCardIssued;
import fr.paris.ledger.card.IssueCitizenCard;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.projection.ReadYourWrites;
import fr.paris.ledger.projections.card.CitizenCardProjection;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.infra.security.Role;
import fr.paris.ledger.projections.card.CardStats;
import fr.paris.ledger.projections.card.CitizenCardQueries;
import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
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
    private static final Set<Channel> AGENT_CHANNELS = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.of(Channel.PHONE_3975, Channel.TOWN_HALL));

    private final LedgerCommands commands;
    private final CitizenCardQueries cards;
    private final Participants participants;

    private final ReadYourWrites readYourWrites;

    public CitizenCardController(LedgerCommands commands, CitizenCardQueries cards, Participants participants,
                                 ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.commands = commands;
        this.cards = cards;
        this.participants = participants;
    }

    @PostMapping("/citizen-cards")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT')")
    @Operation(summary = "Issue a card: to oneself (CITIZEN, body {}), or on someone's behalf (AGENT, all fields)")
    public ResponseEntity<CardJson> issue(@RequestBody CardRequests.Issue body, Authentication auth) {
        Caller caller = Caller.from(auth);
        boolean self = body.participantId() == null;
        if (self) {
            requireSelfFields(caller);
        } else {
            validateOnBehalf(caller, body);
        }
        // the holder's subject key: created on a first act; it derives the reference and the card number
        String cardId = "card-" + java.util.UUID.randomUUID();
        Issued issued = commands.act(() -> {
            var holder = participants.subjects().findOrCreate(self ? caller.subject() : body.participantId()).requireNotErasing();
            ParticipantId holderRef = Participants.reference(holder, ReferenceScope.card());
            String cardNumber = Participants.cardNumber(holder, cardId);
            participants.indexCardNumber(cardNumber, holderRef, cardId);
            return new Issued(cardNumber, commands.send(self
                    ? new IssueCitizenCard(CardHolderId.of(holderRef), cardId, caller.birthdate().orElseThrow(),
                            caller.postalCode().orElseThrow(), Channel.ONLINE, holderRef)
                    : new IssueCitizenCard(CardHolderId.of(holderRef), cardId, LocalDate.parse(body.birthdate()),
                            new PostalCode(body.postalCode()), Channel.valueOf(body.channel()), participants.staff(caller.subject()))));
        });
        CitizenCardIssued e = issued.accepted().result();
        return ResponseEntity.status(HttpStatus.CREATED).body(new CardJson(issued.cardNumber(), "ACTIVE",
                e.arrondissement(), e.ageBand(), e.channel().name(), e.issuedAt(), null,
                ReceiptJson.of(issued.accepted().receipt())));
    }

    /** A card issued in one transaction with its holder's key and its number's index row. */
    private record Issued(String cardNumber, Accepted<CitizenCardIssued> accepted) {
    }

    private static void requireSelfFields(Caller caller) {
        if (!caller.has(Role.CITIZEN)) {
            throw new InvalidRequest("participantId", "an agent names the participant the card is for");
        }
        caller.birthdate().orElseThrow(() -> RuleViolation.refused("identity.birthdate-missing",
                "Your identity token carries no birthdate: the card's age condition cannot be checked."));
        caller.postalCode().orElseThrow(() -> RuleViolation.refused("card.not-resident",
                "Your identity token carries no postal code: residence in Paris cannot be established."));
    }

    private static void validateOnBehalf(Caller caller, CardRequests.Issue body) {
        if (!caller.has(Role.AGENT)) {
            throw new AccessDeniedException("only an agent requests a card on someone's behalf");
        }
        List<FieldProblem> errors = new ArrayList<>();
        try {
            new ParticipantId(body.participantId()); // the person's identity-provider subject: 1 to 200 characters
        } catch (IllegalArgumentException e) {
            errors.add(new FieldProblem("participantId", "the person's identity-provider subject, 1 to 200 characters"));
        }
        LocalDate birthdate = null;
        try {
            birthdate = body.birthdate() == null ? null : LocalDate.parse(body.birthdate());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (birthdate == null) {
            errors.add(new FieldProblem("birthdate", "required, as YYYY-MM-DD"));
        }
        if (!PostalCode.isWellFormed(body.postalCode())) {
            errors.add(new FieldProblem("postalCode", "required, five digits"));
        }
        Channel channel = null;
        try {
            channel = body.channel() == null ? null : Channel.valueOf(body.channel());
        } catch (IllegalArgumentException e) {
            // reported below
        }
        if (channel == null || !AGENT_CHANNELS.contains(channel)) {
            errors.add(new FieldProblem("channel", "required, one of " + AGENT_CHANNELS));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
    }

    @GetMapping("/citizen-cards/me")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The caller's most recent card (404 card.not-found if none)")
    public CardJson mine(Authentication auth) {
        var holder = participants.subjects().find(Caller.from(auth).subject())
                .orElseThrow(() -> notFound("You hold no citizen card."));
        ParticipantId holderRef = Participants.reference(holder, ReferenceScope.card());
        // read your own writes: the read model first passes the holder's last act (api.md)
        readYourWrites.awaitAggregate(CitizenCardProjection.NAME, CardHolderId.of(holderRef).toString());
        return cards.latestOf(holderRef.value())
                .map(v -> CardJson.of(v, Participants.cardNumber(holder, v.cardId())))
                .orElseThrow(() -> notFound("You hold no citizen card."));
    }

    @PostMapping("/citizen-cards/{cardNumber}/cancel")
    @PreAuthorize("hasAnyRole('CITIZEN', 'AGENT')")
    @Operation(summary = "Cancel a card: its holder, or an agent")
    public Map<String, Object> cancel(@PathVariable String cardNumber,
                                      @RequestBody(required = false) CardRequests.Cancel body, Authentication auth) {
        Caller caller = Caller.from(auth);
        CardNumber number = parseNumber(cardNumber);
        String reason = body == null ? null : body.reason();
        if (reason != null && reason.length() > 500) {
            throw new InvalidRequest("reason", "at most 500 characters");
        }
        Participants.IndexedCard card = participants.findCard(number.value())
                .orElseThrow(() -> notFound("No such active citizen card."));
        Optional<ParticipantId> own = participants.existingReference(caller.subject(), ReferenceScope.card());
        boolean byHolder = own.isPresent() && own.get().equals(card.holder());
        if (!byHolder && !caller.has(Role.AGENT)) {
            throw notFound("No such active citizen card.");
        }
        Accepted<Object> accepted = sendToHolder(new CancelCitizenCard(CardHolderId.of(card.holder()), card.cardId(), reason,
                byHolder ? card.holder() : participants.staff(caller.subject()), !byHolder));
        return Map.of("cardNumber", number.value(), "status", "CANCELLED", "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/citizen-cards/{cardNumber}/residence")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "The holder moved: a Paris postal code updates the arrondissement, any other cancels the card")
    public Map<String, Object> changeResidence(@PathVariable String cardNumber,
                                               @RequestBody CardRequests.Residence body, Authentication auth) {
        Caller caller = Caller.from(auth);
        CardNumber number = parseNumber(cardNumber);
        if (!PostalCode.isWellFormed(body.postalCode())) {
            throw new InvalidRequest("postalCode", "required, five digits");
        }
        PostalCode postalCode = new PostalCode(body.postalCode());
        Participants.IndexedCard card = participants.findCard(number.value())
                .filter(c -> participants.existingReference(caller.subject(), ReferenceScope.card())
                        .filter(c.holder()::equals).isPresent())
                .orElseThrow(() -> notFound("No such active citizen card."));
        Accepted<Object> accepted = sendToHolder(new ChangeCardResidence(CardHolderId.of(card.holder()),
                card.cardId(), postalCode));
        var answer = new java.util.LinkedHashMap<String, Object>();
        answer.put("cardNumber", number.value());
        answer.put("status", postalCode.isParisian() ? "ACTIVE" : "CANCELLED");
        answer.put("arrondissement", postalCode.isParisian() ? postalCode.arrondissement().getAsInt() : null);
        answer.put("receipt", ReceiptJson.of(accepted.receipt()));
        return answer;
    }

    @GetMapping("/stats/citizen-cards")
    @Operation(summary = "Active cards in all, by arrondissement and by age band (public)")
    public CardStats stats() {
        return cards.stats();
    }

    private Accepted<Object> sendToHolder(Object command) {
        try {
            return commands.send(command);
        } catch (AggregateNotFoundException e) {
            throw notFound("No such active citizen card.");
        }
    }

    private static CardNumber parseNumber(String cardNumber) {
        if (!CardNumber.isWellFormed(cardNumber)) {
            throw notFound("No such active citizen card.");
        }
        return new CardNumber(cardNumber);
    }

    private static RuleViolation notFound(String message) {
        return RuleViolation.notFound("card.not-found", message);
    }
}
