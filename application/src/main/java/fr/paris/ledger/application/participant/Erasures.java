package fr.paris.ledger.application.participant;

import fr.paris.ledger.benefit.CancelReservation;
import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.budget.BallotId;
import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.BudgetDirectory;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBallotSetAside;
import fr.paris.ledger.budget.PaperBallotVoided;
import fr.paris.ledger.budget.PaperBatchAbandoned;
import fr.paris.ledger.budget.PaperBatchId;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectSubmitted;
import fr.paris.ledger.budget.SetPaperBallotAside;
import fr.paris.ledger.budget.WithdrawBallot;
import fr.paris.ledger.card.CancelCitizenCard;
import fr.paris.ledger.card.CardHolderId;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.application.benefit.ReservationIndex;
import fr.paris.ledger.infra.idempotency.IdempotencyStore;
import fr.paris.ledger.infra.privacy.AggregateIndex;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.privacy.SubjectKeys;
import fr.paris.ledger.infra.privacy.SubjectKeys.Subject;
import fr.paris.ledger.petition.PetitionDirectory;
import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.SignatureId;
import fr.paris.ledger.petition.WithdrawSignature;
import fr.paris.ledger.infra.events.EventScanner;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.ApplicationRecorded;
import fr.paris.ledger.sortition.ApplicationWithdrawn;
import fr.paris.ledger.sortition.CallClosed;
import fr.paris.ledger.sortition.CallDrawn;
import fr.paris.ledger.sortition.CallId;
import fr.paris.ledger.sortition.CouncilId;
import fr.paris.ledger.sortition.MemberResigned;
import fr.paris.ledger.sortition.MemberSeated;
import fr.paris.ledger.sortition.ResignMember;
import fr.paris.ledger.sortition.WithdrawApplication;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Erasure by crypto-shredding (docs/privacy.md): what the person still has open is ended by ordinary
 * events, one act at a time, as if they had done it; then their subject key, idempotency records,
 * card numbers and sealed texts are destroyed in one transaction, and the erasure journal records the
 * keyed hash. The log, its seal and every closed result stay as they were. An erasure interrupted by
 * a crash is resumed at start-up (the key is marked {@code erasing} until destroyed).
 */
@Service
public class Erasures {
    private static final Logger log = LoggerFactory.getLogger(Erasures.class);

    private final SubjectKeys subjects;
    private final Participants participants;
    private final AggregateIndex aggregates;
    private final LedgerCommands commands;
    private final PetitionDirectory petitions;
    private final BudgetDirectory budget;
    private final EventScanner scanner;
    private final IdempotencyStore idempotency;
    private final ReservationIndex reservations;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public Erasures(SubjectKeys subjects, Participants participants, AggregateIndex aggregates, LedgerCommands commands,
                    PetitionDirectory petitions, BudgetDirectory budget, EventScanner scanner, IdempotencyStore idempotency,
                    ReservationIndex reservations, PlatformTransactionManager transactions, Clock clock) {
        this.subjects = subjects;
        this.participants = participants;
        this.aggregates = aggregates;
        this.commands = commands;
        this.petitions = petitions;
        this.budget = budget;
        this.scanner = scanner;
        this.idempotency = idempotency;
        this.reservations = reservations;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** What an erasure ended, by kind. */
    public record Ended(int signatures, int ballots, int paperBallots, int applications, int mandates, int alternates,
                        int cards, int reservations, int petitions, int projects, int comments) {
    }

    /** The answer of an erasure. */
    public record Erased(Instant erasedAt, Ended ended) {
    }

    /** Erases the person {@code sub} names; {@code participant.not-found} if they have no key, {@code participant.erasing} if running. */
    public Erased erase(String sub) {
        Subject subject = subjects.find(sub).orElseThrow(Erasures::notFound);
        if (subject.erasing() || !subjects.markErasing(subject.lookup())) {
            throw RuleViolation.conflict("participant.erasing", "An erasure of this participant is already running.");
        }
        return run(subjects.byLookup(subject.lookup()).orElseThrow(Erasures::notFound));
    }

    /** Resumes erasures a crash interrupted, before the service takes requests. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeInterrupted() {
        for (byte[] lookup : subjects.unfinishedErasures()) {
            subjects.byLookup(lookup).ifPresent(s -> {
                log.info("Resuming an interrupted erasure");
                run(s);
            });
        }
    }

    private Erased run(Subject s) {
        Counter c = new Counter();
        endSignaturesAndAuthorship(s, c);
        endBudgetActs(s, c);
        endCouncilActs(s, c);
        endReservations(s, c);
        endCards(s, c);
        String principal = HexFormat.of().formatHex(s.lookup());
        int[] comments = new int[1];
        transaction.executeWithoutResult(tx -> {
            comments[0] = participants.forgetTexts(s.lookup());
            participants.forgetCards(Participants.reference(s, ReferenceScope.card()));
            reservations.forget(Participants.reference(s, ReferenceScope.card()));
            idempotency.forget(principal);
            subjects.destroy(s.lookup());
        });
        log.info("Erasure done: {} acts ended, subject key destroyed", c.total());
        return new Erased(clock.instant(), new Ended(c.signatures, c.ballots, c.paperBallots, c.applications, c.mandates,
                c.alternates, c.cards, c.reservations, c.petitions, c.projects, comments[0]));
    }

    private void endSignaturesAndAuthorship(Subject s, Counter c) {
        Instant now = clock.instant();
        List<String> signatures = new ArrayList<>();
        for (String aggregate : aggregates.withPrefix("petition:")) {
            String id = aggregate.substring("petition:".length());
            PetitionFacts facts = petitions.find(new PetitionId(id)).orElse(null);
            if (facts == null) {
                continue;
            }
            if (Participants.reference(s, ReferenceScope.petitionAuthor(id)).value().equals(facts.author())) {
                c.petitions++; // a public record: it stays, and nobody can act as its author any more
            }
            if (facts.isOpenAt(now)) {
                signatures.add(new SignatureId(new PetitionId(id), Participants.reference(s, ReferenceScope.petition(id))).toString());
            }
        }
        for (String signature : aggregates.existing(signatures)) {
            String petition = signature.substring(SignatureId.PREFIX.length(), signature.lastIndexOf(':'));
            if (attempt(new WithdrawSignature(new SignatureId(new PetitionId(petition),
                    Participants.reference(s, ReferenceScope.petition(petition)))))) {
                c.signatures++;
            }
        }
    }

    private void endBudgetActs(Subject s, Counter c) {
        for (String aggregate : aggregates.withPrefix("budget-campaign:")) {
            CampaignYear year = new CampaignYear(Integer.parseInt(aggregate.substring("budget-campaign:".length())));
            ParticipantId voter = Participants.reference(s, ReferenceScope.budget(year));
            ParticipantId author = Participants.reference(s, ReferenceScope.budgetAuthor(year));
            scanner.scan("budget-project:", EventScanner.Order.BY_GLOBAL_INDEX, e -> {
                if (e.payload() instanceof ProjectSubmitted p && p.year().equals(year) && p.author().equals(author)) {
                    c.projects++;
                }
            });
            CampaignFacts campaign = budget.campaign(year).orElse(null);
            if (campaign == null || campaign.phase() != Phase.VOTING) {
                continue;
            }
            BallotId ballot = new BallotId(year, voter);
            if (!aggregates.existing(List.of(ballot.toString())).isEmpty() && attempt(new WithdrawBallot(ballot))) {
                c.ballots++;
            }
            // the person's paper ballots standing in a batch not abandoned (open or confirmed), by batch and number
            Map<PaperBatchId, Set<BallotNumber>> paper = new LinkedHashMap<>();
            scanner.scan(PaperBatchId.prefixOf(year), EventScanner.Order.BY_GLOBAL_INDEX, List.of(PaperBallotEntered.class,
                    PaperBallotVoided.class, PaperBallotSetAside.class, PaperBatchAbandoned.class), e -> {
                if (e.payload() instanceof PaperBallotEntered p && p.voter().equals(voter)) {
                    paper.computeIfAbsent(new PaperBatchId(year, p.batchId()), k -> new LinkedHashSet<>()).add(p.ballotNumber());
                } else if (e.payload() instanceof PaperBallotVoided p) {
                    paper.getOrDefault(new PaperBatchId(year, p.batchId()), new HashSet<>()).remove(p.ballotNumber());
                } else if (e.payload() instanceof PaperBallotSetAside p) {
                    paper.getOrDefault(new PaperBatchId(year, p.batchId()), new HashSet<>()).remove(p.ballotNumber());
                } else if (e.payload() instanceof PaperBatchAbandoned p) {
                    paper.remove(new PaperBatchId(year, p.batchId()));
                }
            });
            paper.forEach((batch, numbers) -> {
                for (BallotNumber number : numbers) {
                    if (attempt(new SetPaperBallotAside(batch, number, voter))) {
                        c.paperBallots++;
                    }
                }
            });
        }
    }

    private void endCouncilActs(Subject s, Counter c) {
        Instant now = clock.instant();
        for (String aggregate : aggregates.withPrefix("council:")) {
            String councilId = aggregate.substring("council:".length());
            ParticipantId me = Participants.reference(s, ReferenceScope.council(councilId));
            Map<ApplicationId, CallId> mine = new LinkedHashMap<>();
            Set<ApplicationId> withdrawn = new HashSet<>();
            Set<CallId> closed = new HashSet<>();
            Map<CallId, Set<ApplicationId>> alternates = new HashMap<>();
            Map<ApplicationId, Instant> sittingUntil = new HashMap<>();
            scanner.scan(aggregate, EventScanner.Order.BY_AGGREGATE, e -> {
                if (!e.aggregateId().equals(aggregate)) {
                    return;
                }
                Object p = e.payload();
                if (p instanceof ApplicationRecorded a && a.participantId().equals(me)) {
                    mine.put(a.applicationId(), a.callId());
                } else if (p instanceof ApplicationWithdrawn w) {
                    withdrawn.add(w.applicationId());
                } else if (p instanceof CallClosed cc) {
                    closed.add(cc.callId());
                } else if (p instanceof CallDrawn d) {
                    Set<ApplicationId> alt = new HashSet<>();
                    d.alternates().values().forEach(alt::addAll);
                    alternates.put(d.callId(), alt);
                } else if (p instanceof MemberSeated m && m.participantId().equals(me)) {
                    sittingUntil.put(m.applicationId(), m.mandateEnd());
                } else if (p instanceof MemberResigned r) {
                    sittingUntil.remove(r.applicationId());
                }
            });
            CouncilId council = new CouncilId(councilId);
            mine.forEach((application, call) -> {
                if (withdrawn.contains(application)) {
                    return;
                }
                Instant end = sittingUntil.get(application);
                if (end != null) {
                    if (now.isBefore(end) && attempt(new ResignMember(council, application, me, false))) {
                        c.mandates++;
                    }
                } else if (!closed.contains(call)) {
                    if (attempt(new WithdrawApplication(council, application, me))) {
                        c.applications++;
                    }
                } else if (alternates.getOrDefault(call, Set.of()).contains(application)
                        && attempt(new WithdrawApplication(council, application, me))) {
                    c.alternates++;
                }
            });
        }
    }

    /**
     * The person's reservations of events not yet started, cancelled as if they had done it, before
     * their card (whose cancellation would end them too, but later and uncounted). The events come from
     * the reservation index, which the service writes before each reservation: no read-model lag.
     */
    private void endReservations(Subject s, Counter c) {
        ParticipantId holder = Participants.reference(s, ReferenceScope.card());
        for (CardEventId event : reservations.eventsOf(holder)) {
            // an event may be busy with other holders' requests (on several nodes): retried as a hot aggregate
            try {
                commands.sendToHotAggregate(new CancelReservation(event, holder));
                c.reservations++;
            } catch (RuleViolation | AggregateNotFoundException nothingToEnd) {
                // no reservation (left), or an event started or cancelled: nothing to end
            }
        }
    }

    private void endCards(Subject s, Counter c) {
        ParticipantId holder = Participants.reference(s, ReferenceScope.card());
        for (String cardId : participants.cardIdsOf(holder)) {
            if (attempt(new CancelCitizenCard(CardHolderId.of(holder), cardId, null, holder, false))) {
                c.cards++;
            }
        }
    }

    /** Sends an act; a refusal means there was nothing (left) to end, which is not an error. */
    private boolean attempt(Object command) {
        try {
            commands.send(command);
            return true;
        } catch (RuleViolation | AggregateNotFoundException nothingToEnd) {
            return false;
        }
    }

    private static RuleViolation notFound() {
        return RuleViolation.notFound("participant.not-found", "The ledger knows no participant for this subject.");
    }

    private static final class Counter {
        int signatures, ballots, paperBallots, applications, mandates, alternates, cards, reservations, petitions, projects;

        int total() {
            return signatures + ballots + paperBallots + applications + mandates + alternates + cards + reservations;
        }
    }

}
