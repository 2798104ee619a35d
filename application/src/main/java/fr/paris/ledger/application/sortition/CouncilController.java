package fr.paris.ledger.application.sortition;

import static fr.paris.ledger.application.api.Requests.answer;
import static fr.paris.ledger.application.api.Requests.text;

import fr.paris.ledger.application.api.ApiErrors.FieldProblem;
import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.infra.security.Caller;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.infra.security.Role;
import fr.paris.ledger.projections.sortition.CouncilQueries;
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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.modelling.command.AggregateNotFoundException;
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

/** Councils drawn by lot: definition, calls for applications, frozen pools, draws, mandates; public reads. */
@RestController
@RequestMapping("/api/v1/councils")
@Tag(name = "Councils and sortitions", description = "Tirage au sort")
public class CouncilController {
    private final LedgerCommands commands;
    private final CouncilQueries councils;

    private final Participants participants;

    public CouncilController(LedgerCommands commands, CouncilQueries councils, Participants participants) {
        this.participants = participants;
        this.commands = commands;
        this.councils = councils;
    }

    @PostMapping
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Define a council: seats, age range, residence, quota groups, mandate length, renewable")
    public ResponseEntity<Map<String, Object>> define(@RequestBody CouncilRequests.Define body, Authentication auth) {
        List<FieldProblem> errors = new ArrayList<>();
        if (!CouncilId.isWellFormed(body.councilId())) {
            errors.add(new FieldProblem("councilId", "required, 1 to 64 lowercase letters, digits or dashes"));
        }
        if (body.name() == null || body.name().isBlank() || body.name().length() > 200) {
            errors.add(new FieldProblem("name", "required, 1 to 200 characters"));
        }
        if (body.seats() == null || body.seats() < 1 || body.seats() > 10_000) {
            errors.add(new FieldProblem("seats", "required, 1 to 10000"));
        }
        age(errors, "minAge", body.minAge());
        age(errors, "maxAge", body.maxAge());
        if (body.minAge() != null && body.maxAge() != null && body.minAge() > body.maxAge()) {
            errors.add(new FieldProblem("maxAge", "at least minAge"));
        }
        if (body.residentsOnly() == null) {
            errors.add(new FieldProblem("residentsOnly", "required, true or false"));
        }
        groups(errors, "quotas", body.quotas(), 1);
        if (body.quotas() != null && body.seats() != null && !body.quotas().isEmpty()
                && body.quotas().values().stream().allMatch(v -> v != null)
                && body.quotas().values().stream().mapToInt(Integer::intValue).sum() != body.seats()) {
            errors.add(new FieldProblem("quotas", "the groups' seats add up to the council's seats"));
        }
        if (body.mandateMonths() == null || body.mandateMonths() < 1 || body.mandateMonths() > 120) {
            errors.add(new FieldProblem("mandateMonths", "required, 1 to 120"));
        }
        if (body.renewable() == null) {
            errors.add(new FieldProblem("renewable", "required, true or false"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        CouncilId id = new CouncilId(body.councilId());
        CouncilRules rules = new CouncilRules(body.seats(), body.minAge(), body.maxAge(), body.residentsOnly(), body.quotas(),
                body.mandateMonths(), body.renewable());
        Accepted<Object> accepted = commands.send(new DefineCouncil(id, body.name().strip(), rules,
                participants.staff(Caller.from(auth).subject())));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("councilId", id.value(),
                "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @GetMapping
    @Operation(summary = "Every council, in the order defined, each as GET /councils/{councilId} reads it (public)")
    public List<CouncilQueries.CouncilView> list() {
        return councils.councilIds().stream().map(councils::council).flatMap(java.util.Optional::stream).toList();
    }

    @GetMapping("/{councilId}")
    @Operation(summary = "A council: its rules, sitting and vacant seats per group, its calls (public)")
    public CouncilQueries.CouncilView get(@PathVariable String councilId) {
        return councils.council(councilId).orElseThrow(() -> notFound("No council " + councilId + "."));
    }

    @PostMapping("/{councilId}/calls")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Open a call for applications, to draw seats per group and rank alternates")
    public ResponseEntity<Map<String, Object>> open(@PathVariable String councilId, @RequestBody CouncilRequests.Open body,
                                                    Authentication auth) {
        CouncilId council = council(councilId);
        List<FieldProblem> errors = new ArrayList<>();
        if (!CallId.isWellFormed(body.callId())) {
            errors.add(new FieldProblem("callId", "required, 1 to 64 lowercase letters, digits or dashes"));
        }
        groups(errors, "seats", body.seats(), 0);
        if (body.seats() != null && body.seats().values().stream().allMatch(v -> v != null && v == 0)) {
            errors.add(new FieldProblem("seats", "at least one seat to draw"));
        }
        if (body.alternatesPerGroup() == null || body.alternatesPerGroup() < 0 || body.alternatesPerGroup() > 1_000) {
            errors.add(new FieldProblem("alternatesPerGroup", "required, 0 to 1000"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequest(errors);
        }
        CallId call = new CallId(body.callId());
        Accepted<Object> accepted = send(new OpenCall(council, call, new TreeMap<>(body.seats()), body.alternatesPerGroup(),
                participants.staff(Caller.from(auth).subject())));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("councilId", council.value(), "callId", call.value(),
                "status", "OPEN", "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @PostMapping("/{councilId}/calls/{callId}/applications")
    @PreAuthorize("hasRole('CITIZEN')")
    @Operation(summary = "Apply to an open call, declaring one's quota group (eligibility judged today)")
    public ResponseEntity<Map<String, Object>> apply(@PathVariable String councilId, @PathVariable String callId,
                                                     @RequestBody CouncilRequests.Apply body, Authentication auth) {
        CouncilId council = council(councilId);
        CallId call = call(callId);
        if (!CouncilRules.isValidGroupName(body.group())) {
            throw new InvalidRequest("group", "required, 1 to 32 letters, digits, _ or -");
        }
        Caller caller = Caller.from(auth);
        Accepted<ApplicationId> accepted = commands.act(() -> send(new ApplyToCall(council, call, ApplicationId.random(),
                participants.reference(caller.subject(), ReferenceScope.council(council.value())),
                body.group(), caller.birthdate().orElse(null), caller.postalCode().orElse(null))));
        return ResponseEntity.status(HttpStatus.CREATED).body(answer("applicationId", accepted.result().value(),
                "receipt", ReceiptJson.of(accepted.receipt())));
    }

    @PostMapping("/{councilId}/calls/{callId}/close")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Close a call: the pool freezes and its hash is recorded, before any random value is known")
    public Map<String, Object> close(@PathVariable String councilId, @PathVariable String callId, Authentication auth) {
        Accepted<CallClosed> accepted = send(new CloseCall(council(councilId), call(callId), participants.staff(Caller.from(auth).subject())));
        CallClosed closed = accepted.result();
        return answer("poolSize", closed.pool().size(), "poolHash", closed.poolHash(), "groups", closed.groups(),
                "closedAt", closed.closedAt(), "receipt", ReceiptJson.of(accepted.receipt()));
    }

    @PostMapping("/{councilId}/calls/{callId}/draw")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Draw a closed call from public random sources (SHA256-V1 by default, or RFC3797)")
    public Map<String, Object> draw(@PathVariable String councilId, @PathVariable String callId,
                                    @RequestBody CouncilRequests.Draw body, Authentication auth) {
        CouncilId council = council(councilId);
        CallId call = call(callId);
        DrawAlgorithm algorithm = body.algorithm() == null ? DrawAlgorithm.SHA256_V1
                : DrawAlgorithm.byName(body.algorithm()).orElseThrow(() -> new InvalidRequest("algorithm",
                "SHA256-V1 or RFC3797"));
        List<RandomSource> sources = sources(body.randomSources());
        Accepted<CallDrawn> accepted = send(new DrawCall(council, call, algorithm, sources, participants.staff(Caller.from(auth).subject())));
        CallDrawn d = accepted.result();
        Map<String, Object> answer = answer("councilId", council.value(), "callId", call.value(),
                "algorithm", d.algorithm(), "poolHash", d.poolHash(), "randomSources", body.randomSources(), "key", d.key(),
                "seats", d.seats(), "alternatesPerGroup", d.alternatesPerGroup(), "selected", ids(d.selected()),
                "alternates", ids(d.alternates()), "drawnAt", d.drawnAt());
        answer.put("receipt", ReceiptJson.of(accepted.receipt()));
        return answer;
    }

    @GetMapping("/{councilId}/calls/{callId}/pool")
    @Operation(summary = "The frozen pool: pseudonymous application ids and groups, in the order recorded, and its hash (public)")
    public CouncilQueries.PoolView pool(@PathVariable String councilId, @PathVariable String callId) {
        requireCall(councilId, callId);
        return councils.pool(councilId, callId).orElseThrow(() -> RuleViolation.refused("sortition.pool-not-frozen",
                "This call is still open: its pool is not frozen yet."));
    }

    @GetMapping("/{councilId}/calls/{callId}/draw")
    @Operation(summary = "The draw with everything needed to recompute it (public)")
    public CouncilQueries.DrawView drawn(@PathVariable String councilId, @PathVariable String callId) {
        requireCall(councilId, callId);
        return councils.draw(councilId, callId).orElseThrow(() -> RuleViolation.notFound("sortition.not-drawn",
                "This call has not been drawn yet."));
    }

    @GetMapping("/{councilId}/members")
    @Operation(summary = "The council's sitting members with group and mandate dates, past mandates and vacancies (public)")
    public Map<String, Object> members(@PathVariable String councilId) {
        if (!councils.exists(councilId)) {
            throw notFound("No council " + councilId + ".");
        }
        return councils.members(councilId);
    }

    @PostMapping("/{councilId}/members/{applicationId}/resign")
    @PreAuthorize("hasAnyRole('CITIZEN', 'ADMIN')")
    @Operation(summary = "A member resigns (or an admin records it); the next eligible alternate of the group takes the seat")
    public Map<String, Object> resign(@PathVariable String councilId, @PathVariable String applicationId, Authentication auth) {
        CouncilId council = council(councilId);
        if (!ApplicationId.isWellFormed(applicationId)) {
            throw notFound("No member " + applicationId + ".");
        }
        Caller caller = Caller.from(auth);
        ParticipantId by = caller.has(Role.ADMIN) ? participants.staff(caller.subject())
                : participants.existingReference(caller.subject(), ReferenceScope.council(council.value()))
                        .orElse(new ParticipantId("r-none"));
        Accepted<ApplicationId> accepted = send(new ResignMember(council, new ApplicationId(applicationId),
                by, caller.has(Role.ADMIN)));
        return answer("replacedBy", accepted.result() == null ? null : accepted.result().value(),
                "receipt", ReceiptJson.of(accepted.receipt()));
    }

    private void requireCall(String councilId, String callId) {
        if (councils.stage(councilId, callId).isEmpty()) {
            throw notFound("No call " + callId + " of council " + councilId + ".");
        }
    }

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

    private static Map<String, List<String>> ids(Map<String, List<ApplicationId>> byGroup) {
        Map<String, List<String>> out = new TreeMap<>();
        byGroup.forEach((group, ids) -> out.put(group, ids.stream().map(ApplicationId::value).toList()));
        return out;
    }

    private <R> Accepted<R> send(Object command) {
        try {
            return commands.send(command);
        } catch (AggregateNotFoundException e) {
            throw notFound("No such council.");
        }
    }

    private static void age(List<FieldProblem> errors, String field, Integer age) {
        if (age != null && (age < 0 || age > 150)) {
            errors.add(new FieldProblem(field, "0 to 150 when given"));
        }
    }

    private static void groups(List<FieldProblem> errors, String field, Map<String, Integer> groups, int min) {
        if (groups == null || groups.isEmpty() || groups.size() > 50) {
            errors.add(new FieldProblem(field, "required, 1 to 50 groups"));
            return;
        }
        groups.forEach((name, seats) -> {
            if (!CouncilRules.isValidGroupName(name)) {
                errors.add(new FieldProblem(field, "group names have 1 to 32 letters, digits, _ or -"));
            }
            if (seats == null || seats < min || seats > 10_000) {
                errors.add(new FieldProblem(field, "seats of group " + name + ": " + min + " to 10000"));
            }
        });
    }

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

    private static RuleViolation notFound(String message) {
        return RuleViolation.notFound("sortition.not-found", message);
    }

}
