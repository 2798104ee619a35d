package fr.paris.ledger.application.sortition;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.infra.security.Role;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.ApplyToCall;
import fr.paris.ledger.sortition.CallClosed;
import fr.paris.ledger.sortition.CallDrawn;
import fr.paris.ledger.sortition.CallId;
import fr.paris.ledger.sortition.CloseCall;
import fr.paris.ledger.sortition.CouncilId;
import fr.paris.ledger.sortition.CouncilRules;
import fr.paris.ledger.sortition.DefineCouncil;
import fr.paris.ledger.sortition.DrawAlgorithm;
import fr.paris.ledger.sortition.DrawCall;
import fr.paris.ledger.sortition.OpenCall;
import fr.paris.ledger.sortition.RandomSource;
import fr.paris.ledger.sortition.ResignMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

/**
 * The acts on councils drawn by lot: an admin defines a council, opens a call, closes it (its pool
 * freezes) and draws it; a citizen applies under their reference in the scope
 * {@code council:<councilId>}; a member resigns, or an admin records it.
 */
@Service
public class CouncilActs {
    private final LedgerCommands commands;
    private final Participants participants;

    public CouncilActs(LedgerCommands commands, Participants participants) {
        this.commands = commands;
        this.participants = participants;
    }

    public Accepted<Object> define(Caller caller, CouncilId id, String name, CouncilRules rules) {
        return commands.send(new DefineCouncil(id, name, rules, participants.staff(caller.subject())));
    }

    /** Opens a call to draw {@code seats} per group and rank {@code alternatesPerGroup} alternates. */
    public Accepted<Object> open(Caller caller, String councilId, CallId call, Map<String, Integer> seats, int alternatesPerGroup) {
        CouncilId council = council(councilId);
        return send(new OpenCall(council, call, new TreeMap<>(seats), alternatesPerGroup, participants.staff(caller.subject())));
    }

    /** The caller applies, declaring their quota group; their eligibility is judged today, from their token. */
    public Accepted<ApplicationId> apply(Caller caller, String councilId, String callId, String group) {
        CouncilId council = council(councilId);
        CallId call = call(callId);
        return commands.act(() -> send(new ApplyToCall(council, call, ApplicationId.random(),
                participants.reference(caller.subject(), ReferenceScope.council(council.value())),
                group, caller.birthdate().orElse(null), caller.postalCode().orElse(null))));
    }

    public Accepted<CallClosed> close(Caller caller, String councilId, String callId) {
        return send(new CloseCall(council(councilId), call(callId), participants.staff(caller.subject())));
    }

    /** Draws a closed call from {@code randomSources} as given: each an array of integers or a string. */
    public Accepted<CallDrawn> draw(Caller caller, String councilId, String callId, DrawAlgorithm algorithm,
                                    List<Object> randomSources) {
        CouncilId council = council(councilId);
        CallId call = call(callId);
        List<RandomSource> sources = sources(randomSources);
        return send(new DrawCall(council, call, algorithm, sources, participants.staff(caller.subject())));
    }

    /** A member resigns (or an admin records it); the next eligible alternate of the group takes the seat. */
    public Accepted<ApplicationId> resign(Caller caller, String councilId, String applicationId) {
        CouncilId council = council(councilId);
        if (!ApplicationId.isWellFormed(applicationId)) {
            throw notFound("No member " + applicationId + ".");
        }
        ParticipantId by = caller.has(Role.ADMIN) ? participants.staff(caller.subject())
                : participants.existingReference(caller.subject(), ReferenceScope.council(council.value()))
                        .orElse(new ParticipantId("r-none"));
        return send(new ResignMember(council, new ApplicationId(applicationId), by, caller.has(Role.ADMIN)));
    }

    /**
     * The random sources of a draw, or a 400 naming the first bad one: 1 to 20 sources, each a string of
     * printable ASCII or an array of 1 to 100 non-negative integers.
     */
    private static List<RandomSource> sources(List<Object> given) {
        if (given == null || given.isEmpty() || given.size() > 20) {
            throw new InvalidRequest("randomSources", "required, 1 to 20 sources");
        }
        List<RandomSource> sources = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Object source = given.get(i);
            String field = "randomSources[" + i + "]";
            if (source instanceof String text) {
                if (!RandomSource.isValidText(text)) {
                    throw new InvalidRequest(field, "1 to 256 printable ASCII characters, no space and no /");
                }
                sources.add(RandomSource.text(text));
            } else if (source instanceof List<?> numbers && !numbers.isEmpty() && numbers.size() <= 100
                    && numbers.stream().allMatch(n -> (n instanceof Integer || n instanceof Long) && ((Number) n).longValue() >= 0)) {
                sources.add(new RandomSource(numbers.stream().map(n -> ((Number) n).longValue()).toList(), null));
            } else {
                throw new InvalidRequest(field, "an array of 1 to 100 non-negative integers, or a string");
            }
        }
        return sources;
    }

    private <R> Accepted<R> send(Object command) {
        try {
            return commands.send(command);
        } catch (AggregateNotFoundException e) {
            throw notFound("No such council.");
        }
    }

    /** The council a path names; a malformed id names none (404). */
    private static CouncilId council(String id) {
        if (!CouncilId.isWellFormed(id)) {
            throw notFound("No council " + id + ".");
        }
        return new CouncilId(id);
    }

    private static CallId call(String id) {
        if (!CallId.isWellFormed(id)) {
            throw notFound("No call " + id + ".");
        }
        return new CallId(id);
    }

    static RuleViolation notFound(String message) {
        return RuleViolation.notFound("sortition.not-found", message);
    }
}
