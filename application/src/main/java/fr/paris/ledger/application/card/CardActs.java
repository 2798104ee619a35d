package fr.paris.ledger.application.card;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.card.CancelCitizenCard;
import fr.paris.ledger.card.CardHolderId;
import fr.paris.ledger.card.CardNumber;
import fr.paris.ledger.card.ChangeCardResidence;
import fr.paris.ledger.card.CitizenCardIssued;
import fr.paris.ledger.card.IssueCitizenCard;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.infra.security.Role;
import fr.paris.ledger.shared.Channel;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The citizen card's acts: a card issued to oneself or, by an agent, on someone's behalf; a card
 * cancelled by its holder or an agent; a holder's change of residence. Each prepares the holder's
 * reference (in the scope {@code card}) and sends its command to the holder's aggregate.
 */
@Service
public class CardActs {
    private static final Set<Channel> AGENT_CHANNELS = Collections.unmodifiableSet(
            EnumSet.of(Channel.PHONE_3975, Channel.TOWN_HALL));

    private final LedgerCommands commands;
    private final Participants participants;

    public CardActs(LedgerCommands commands, Participants participants) {
        this.commands = commands;
        this.participants = participants;
    }

    /**
     * An agent's request for someone else, as sent. Its fields are checked here, after the caller's
     * role (a citizen naming someone else is refused whatever the fields hold), and only when a
     * participant is named (a citizen's own request is {@code {}}).
     */
    public record OnBehalf(String participantId, String birthdate, String postalCode, String channel) {
    }

    /** A card issued in one transaction with its holder's key and its number's index row. */
    public record Issued(String cardNumber, Accepted<CitizenCardIssued> accepted) {
    }

    /** Issues a card to the caller ({@code onBehalf} null), or to the person an agent names. */
    public Issued issue(Caller caller, OnBehalf onBehalf) {
        boolean self = onBehalf == null;
        if (self) {
            requireSelfFields(caller);
        } else {
            validateOnBehalf(caller, onBehalf);
        }
        // the holder's subject key: created on a first act; it derives the reference and the card number
        String cardId = "card-" + UUID.randomUUID();
        return commands.act(() -> {
            var holder = participants.subjects().findOrCreate(self ? caller.subject() : onBehalf.participantId()).requireNotErasing();
            ParticipantId holderRef = Participants.reference(holder, ReferenceScope.card());
            String cardNumber = Participants.cardNumber(holder, cardId);
            participants.indexCardNumber(cardNumber, holderRef, cardId);
            return new Issued(cardNumber, commands.send(self
                    ? new IssueCitizenCard(CardHolderId.of(holderRef), cardId, caller.birthdate().orElseThrow(),
                            caller.postalCode().orElseThrow(), Channel.ONLINE, holderRef)
                    : new IssueCitizenCard(CardHolderId.of(holderRef), cardId, LocalDate.parse(onBehalf.birthdate()),
                            new PostalCode(onBehalf.postalCode()), Channel.valueOf(onBehalf.channel()),
                            participants.staff(caller.subject()))));
        });
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

    private static void validateOnBehalf(Caller caller, OnBehalf body) {
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

    /** Cancels the card a number names: its holder's, or any card for an agent. */
    public Accepted<Object> cancel(Caller caller, String cardNumber, String reason) {
        CardNumber number = number(cardNumber);
        Participants.IndexedCard card = participants.findCard(number.value())
                .orElseThrow(() -> notFound("No such active citizen card."));
        Optional<ParticipantId> own = participants.existingReference(caller.subject(), ReferenceScope.card());
        boolean byHolder = own.isPresent() && own.get().equals(card.holder());
        if (!byHolder && !caller.has(Role.AGENT)) {
            throw notFound("No such active citizen card.");
        }
        return toHolder(new CancelCitizenCard(CardHolderId.of(card.holder()), card.cardId(), reason,
                byHolder ? card.holder() : participants.staff(caller.subject()), !byHolder));
    }

    /** The holder moved: a Paris postal code updates the arrondissement, any other cancels the card. */
    public Accepted<Object> changeResidence(Caller caller, String cardNumber, PostalCode postalCode) {
        CardNumber number = number(cardNumber);
        Participants.IndexedCard card = participants.findCard(number.value())
                .filter(c -> participants.existingReference(caller.subject(), ReferenceScope.card())
                        .filter(c.holder()::equals).isPresent())
                .orElseThrow(() -> notFound("No such active citizen card."));
        return toHolder(new ChangeCardResidence(CardHolderId.of(card.holder()), card.cardId(), postalCode));
    }

    private Accepted<Object> toHolder(Object command) {
        try {
            return commands.send(command);
        } catch (AggregateNotFoundException e) {
            throw notFound("No such active citizen card.");
        }
    }

    private static CardNumber number(String cardNumber) {
        if (!CardNumber.isWellFormed(cardNumber)) {
            throw notFound("No such active citizen card.");
        }
        return new CardNumber(cardNumber);
    }

    static RuleViolation notFound(String message) {
        return RuleViolation.notFound("card.not-found", message);
    }
}
