package fr.paris.ledger.application.petition;

import static fr.paris.ledger.application.petition.PetitionIds.notFound;
import static fr.paris.ledger.application.petition.PetitionIds.parse;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.axon.Receipt;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.petition.CommentId;
import fr.paris.ledger.petition.CommentOnPetition;
import fr.paris.ledger.petition.CpdpDecision;
import fr.paris.ledger.petition.DecideOnPetition;
import fr.paris.ledger.petition.FilePetition;
import fr.paris.ledger.petition.HideComment;
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
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The acts of Paris Pétition: each prepares its command (the caller's reference in the act's scope,
 * the facts it needs), sends it and answers what the ledger recorded. Field checks are the
 * requests' own (Bean Validation); the checks here are those that depend on several fields.
 */
@Component
public class PetitionActs {
    /** A petition filed: its id, its status, and the receipt of its event. */
    public record Filed(PetitionId id, PetitionStatus status, Receipt receipt) {
    }

    /** A moderation: the status it led to and, for a publication, the signing window. */
    public record Moderated(PetitionStatus status, Instant opensAt, Instant closesAt, Receipt receipt) {
    }

    /** A petition withdrawn by its author. */
    public record Withdrawn(PetitionStatus status, Receipt receipt) {
    }

    /** A comment recorded. */
    public record Commented(CommentId commentId, Receipt receipt) {
    }

    /** The CPDP's decision: the status it led to, and the count it relied on, as of {@code countedAsOf}. */
    public record Decided(PetitionStatus status, long validSignatures, Instant countedAsOf, Receipt receipt) {
    }

    private final LedgerCommands commands;
    private final Participants participants;
    private final PetitionDirectory directory;
    private final PetitionAudit audit;
    private final Clock clock;
    private final Duration decisionGrace;

    public PetitionActs(LedgerCommands commands, Participants participants, PetitionDirectory directory, PetitionAudit audit,
                        Clock clock, @Value("${ledger.petitions.decision-grace:PT2S}") Duration decisionGrace) {
        this.commands = commands;
        this.participants = participants;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
        this.decisionGrace = decisionGrace;
    }

    /** Files a petition by a Parisian (the token's postal code); it awaits moderation. */
    public Filed file(Caller caller, String title, String text, String category, Integer arrondissement) {
        PostalCode postalCode = caller.postalCode().orElseThrow(() -> RuleViolation.refused("petition.not-resident",
                "Your identity token carries no postal code: residence in Paris cannot be established."));
        PetitionId id = PetitionId.random();
        Accepted<Object> accepted = commands.act(() -> commands.send(new FilePetition(id,
                participants.reference(caller.subject(), ReferenceScope.petitionAuthor(id.value())), postalCode,
                title.strip(), text.strip(), category, arrondissement)));
        return new Filed(id, PetitionStatus.PENDING_MODERATION, accepted.receipt());
    }

    /** An agent publishes the petition or rejects it; a rejection states its reason. */
    public Moderated moderate(Caller agent, String id, Moderation decision, String reason) {
        PetitionId petition = parse(id);
        if (decision == Moderation.REJECT && (reason == null || reason.isBlank())) {
            throw new InvalidRequest("reason", "required to reject");
        }
        Accepted<PetitionFacts> accepted = send(petition, new ModeratePetition(petition, participants.staff(agent.subject()),
                decision, reason));
        PetitionFacts after = accepted.result();
        return new Moderated(after.recordedStatus(), after.window() == null ? null : after.window().opensAt(),
                after.window() == null ? null : after.window().closesAt(), accepted.receipt());
    }

    /** Signs the petition, under the caller's reference in the petition's scope. */
    public Receipt sign(Caller caller, String id) {
        PetitionId petition = parse(id);
        Accepted<Object> accepted = commands.act(() -> commands.send(new SignPetition(new SignatureId(petition,
                participants.reference(caller.subject(), ReferenceScope.petition(petition.value()))),
                caller.postalCode().orElse(null))));
        return accepted.receipt();
    }

    /** Withdraws the caller's signature; one who never signed is told so once the petition is known to be open. */
    public Receipt withdrawSignature(Caller caller, String id) {
        PetitionId petition = parse(id);
        try {
            ParticipantId signer = participants.existingReference(caller.subject(),
                    ReferenceScope.petition(petition.value())).orElseThrow(() -> new AggregateNotFoundException("", ""));
            Accepted<Object> accepted = commands.send(new WithdrawSignature(new SignatureId(petition, signer)));
            return accepted.receipt();
        } catch (AggregateNotFoundException neverSigned) {
            PetitionFacts facts = directory.find(petition).orElseThrow(() -> notFound(petition));
            if (!facts.isOpenAt(clock.instant())) {
                throw RuleViolation.refused("petition.not-open", "This petition is not open.");
            }
            throw RuleViolation.conflict("petition.not-signed", "You have not signed this petition.");
        }
    }

    /** The author withdraws the petition (anyone else is refused by the aggregate). */
    public Withdrawn withdraw(Caller caller, String id, String reason) {
        PetitionId petition = parse(id);
        Accepted<Object> accepted = send(petition, new WithdrawPetition(petition,
                participants.existingReference(caller.subject(), ReferenceScope.petitionAuthor(petition.value()))
                        .orElse(new ParticipantId("r-none")), reason));
        return new Withdrawn(PetitionStatus.WITHDRAWN, accepted.receipt());
    }

    /** Comments on an open petition: the text sealed under the author's key, the author by their reference. */
    public Commented comment(Caller caller, String id, String text) {
        PetitionId petition = parse(id);
        CommentId commentId = CommentId.random();
        String sub = caller.subject();
        Accepted<Object> accepted = commands.act(() -> {
            var author = participants.subjects().findOrCreate(sub).requireNotErasing();
            return commands.send(new CommentOnPetition(commentId, petition,
                    Participants.reference(author, ReferenceScope.comment(petition.value())),
                    participants.seal(author, commentId.value(), text.strip())));
        });
        return new Commented(commentId, accepted.receipt());
    }

    /** An agent hides a comment, with a reason; it stays in the log. */
    public Receipt hide(Caller agent, String id, String commentId, String reason) {
        parse(id);
        if (!commentId.matches("com-[0-9a-f-]{36}")) {
            throw RuleViolation.notFound("petition.comment-not-found", "No comment " + commentId + ".");
        }
        try {
            return commands.send(new HideComment(new CommentId(commentId), participants.staff(agent.subject()),
                    reason.strip())).receipt();
        } catch (AggregateNotFoundException e) {
            throw RuleViolation.notFound("petition.comment-not-found", "No comment " + commentId + ".");
        }
    }

    /**
     * The CPDP places the petition on the council agenda or declines it. The count is as of
     * {@code ledger.petitions.decision-grace} before now: the grace bounds an act's time from its
     * stamp to its commit, so every signature and withdrawal stamped before that moment has
     * committed, and the recount as of it is final at once; the request does not wait. The command
     * carries that moment, which the petition records as the decision's time.
     */
    public Decided decide(Caller member, String id, CpdpDecision decision, String councilSession, String reason) {
        PetitionId petition = parse(id);
        LocalDate session = null;
        if (decision == CpdpDecision.PLACE_ON_AGENDA) {
            try {
                session = LocalDate.parse(String.valueOf(councilSession));
            } catch (DateTimeParseException e) {
                throw new InvalidRequest("councilSession", "required to place on the agenda, as YYYY-MM-DD");
            }
        } else if (reason == null || reason.isBlank()) {
            throw new InvalidRequest("reason", "required to decline");
        }
        audit.facts(petition, null).orElseThrow(() -> notFound(petition));
        Instant countedAsOf = clock.instant().minus(decisionGrace);
        // a petition filed within the grace has no facts as of then: nothing counts, and the petition refuses the decision
        SignatureRecount.Result count = audit.recount(petition, audit.facts(petition, countedAsOf).orElse(null), countedAsOf);
        Accepted<PetitionStatus> accepted = commands.send(new DecideOnPetition(petition, participants.staff(member.subject()),
                decision, session, reason, count.validSignatures(), count.thresholdReachedAt(), countedAsOf));
        return new Decided(accepted.result(), count.validSignatures(), countedAsOf, accepted.receipt());
    }

    private <R> Accepted<R> send(PetitionId petition, Object command) {
        try {
            return commands.send(command);
        } catch (AggregateNotFoundException e) {
            throw notFound(petition);
        }
    }
}
