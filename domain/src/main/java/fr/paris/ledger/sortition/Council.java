package fr.paris.ledger.sortition;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import fr.paris.ledger.shared.ParisCalendar;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A council drawn by lot, with its calls for applications, draws and mandates. One aggregate per
 * council (a few thousand applications a year): every rule that spans calls and mandates
 * (already applied, already a member, former member of a non-renewable council, vacant seats) is
 * judged here, exactly and under concurrency, from the council's own events. See ADR 007.
 */
public class Council {

    @AggregateIdentifier
    private String id;
    private CouncilId councilId;
    private CouncilRules rules;
    private final Map<CallId, Call> calls = new HashMap<>();
    private final Map<ApplicationId, Applicant> applicants = new HashMap<>();
    private final Map<ApplicationId, Seat> seats = new LinkedHashMap<>();
    private final Set<ApplicationId> withdrawn = new HashSet<>();

    private enum Stage { OPEN, CLOSED, DRAWN }

    private static final class Call {
        Stage stage = Stage.OPEN;
        Map<String, Integer> seats;
        int alternatesPerGroup;
        final Set<ParticipantId> applied = new HashSet<>();
        final List<PoolEntry> applications = new ArrayList<>();
        Map<String, List<ApplicationId>> alternates = Map.of();

        // state is compared when Axon's test fixture checks that sourcing rebuilds it
        @Override
        public boolean equals(Object o) {
            return o instanceof Call c && stage == c.stage && seats.equals(c.seats) && alternatesPerGroup == c.alternatesPerGroup
                    && applied.equals(c.applied) && applications.equals(c.applications) && alternates.equals(c.alternates);
        }

        @Override
        public int hashCode() {
            return Objects.hash(stage, seats, applications);
        }
    }

    private record Applicant(ParticipantId participantId, String group, CallId callId) {
    }

    private static final class Seat {
        final ParticipantId participantId;
        final String group;
        final CallId callId;
        final Instant start;
        final Instant end;
        Instant resignedAt;

        Seat(ParticipantId participantId, String group, CallId callId, Instant start, Instant end) {
            this.participantId = participantId;
            this.group = group;
            this.callId = callId;
            this.start = start;
            this.end = end;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Seat s && participantId.equals(s.participantId) && group.equals(s.group)
                    && callId.equals(s.callId) && start.equals(s.start) && end.equals(s.end)
                    && Objects.equals(resignedAt, s.resignedAt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(participantId, start);
        }

        boolean sittingAt(Instant now) {
            return resignedAt == null && !start.isAfter(now) && end.isAfter(now);
        }
    }

    protected Council() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(DefineCouncil command, Clock clock) {
        if (rules != null) {
            throw RuleViolation.conflict("sortition.council-exists", "A council " + command.councilId().value() + " exists.");
        }
        CouncilRules r = command.rules();
        apply(new CouncilDefined(command.councilId(), command.name(), r.seats(), r.minAge(), r.maxAge(), r.residentsOnly(),
                r.quotas(), r.mandateMonths(), r.renewable(), command.definedBy(), clock.instant()));
    }

    @CommandHandler
    public void handle(OpenCall command, Clock clock) {
        requireDefined();
        if (calls.containsKey(command.callId())) {
            throw RuleViolation.conflict("sortition.call-exists", "This council already has a call " + command.callId() + ".");
        }
        for (Map.Entry<String, Integer> s : command.seats().entrySet()) {
            Integer quota = rules.quotas().get(s.getKey());
            if (quota == null) {
                throw RuleViolation.refused("sortition.unknown-group", "This council has no quota group " + s.getKey() + ".");
            }
            if (s.getValue() > quota) {
                throw RuleViolation.refused("sortition.seats-exceed-quota", "Group " + s.getKey() + " has " + quota
                        + " seats; a call cannot draw " + s.getValue() + ".");
            }
        }
        apply(new CallOpened(command.councilId(), command.callId(), new TreeMap<>(command.seats()),
                command.alternatesPerGroup(), command.openedBy(), clock.instant()));
    }

    @CommandHandler
    public ApplicationId handle(ApplyToCall command, Clock clock) {
        Call call = call(command.callId());
        if (call.stage != Stage.OPEN) {
            throw RuleViolation.refused("sortition.call-closed", "This call for applications is closed.");
        }
        if (!call.seats.containsKey(command.group())) {
            throw RuleViolation.refused("sortition.unknown-group", "This call draws no seat of group " + command.group()
                    + "; its groups are " + call.seats.keySet() + ".");
        }
        if (call.applied.contains(command.participantId())) {
            throw RuleViolation.conflict("sortition.already-applied", "You have already applied to this call.");
        }
        if (applicants.containsKey(command.applicationId())) {
            throw RuleViolation.conflict("sortition.application-exists", "An application with this id exists already.");
        }
        Instant now = clock.instant();
        if (isSitting(command.participantId(), now)) {
            throw RuleViolation.refused("sortition.already-member", "You are a sitting member of this council.");
        }
        if (!rules.renewable() && hasSat(command.participantId())) {
            throw RuleViolation.refused("sortition.former-member", "A mandate on this council is not renewable.");
        }
        LocalDate today = ParisCalendar.today(clock);
        rules.ineligibility(command.birthdate(), command.postalCode(), today).ifPresent(why -> {
            throw RuleViolation.refused("sortition.not-eligible", why);
        });
        apply(new ApplicationRecorded(councilId, command.callId(), command.applicationId(), command.participantId(),
                command.group(), now));
        return command.applicationId();
    }

    @CommandHandler
    public CallClosed handle(CloseCall command, Clock clock) {
        Call call = call(command.callId());
        if (call.stage != Stage.OPEN) {
            throw RuleViolation.refused("sortition.call-closed", "This call is already closed.");
        }
        List<PoolEntry> pool = List.copyOf(call.applications);
        Map<String, Integer> groups = new TreeMap<>();
        call.seats.keySet().forEach(g -> groups.put(g, 0));
        pool.forEach(e -> groups.merge(e.group(), 1, Integer::sum));
        CallClosed closed = new CallClosed(councilId, command.callId(), pool, PoolHash.of(pool), groups,
                command.closedBy(), clock.instant());
        apply(closed);
        return closed;
    }

    @CommandHandler
    public CallDrawn handle(DrawCall command, Clock clock) {
        Call call = call(command.callId());
        if (call.stage == Stage.OPEN) {
            throw RuleViolation.refused("sortition.pool-not-frozen", "The call must be closed (its pool frozen) before the draw.");
        }
        if (call.stage == Stage.DRAWN) {
            throw RuleViolation.conflict("sortition.already-drawn", "This call has been drawn.");
        }
        if (command.algorithm() == DrawAlgorithm.RFC3797 && call.seats.size() != 1) {
            throw RuleViolation.refused("sortition.rfc3797-one-group-only",
                    "RFC3797 draws exactly one quota group; this call has " + call.seats.size() + ". Use SHA256-V1.");
        }
        Instant now = clock.instant();
        Map<String, Integer> toDraw = new TreeMap<>();
        call.seats.forEach((group, wanted) -> toDraw.put(group, Math.min(wanted, vacant(group, now))));
        SortitionDraw.Outcome outcome = SortitionDraw.draw(command.algorithm(), call.applications, toDraw,
                call.alternatesPerGroup, command.randomSources());
        CallDrawn drawn = new CallDrawn(councilId, command.callId(), command.algorithm().publishedName(),
                PoolHash.of(call.applications), List.copyOf(command.randomSources()), outcome.key(), toDraw,
                call.alternatesPerGroup, outcome.selected(), outcome.alternates(), command.drawnBy(), now);
        apply(drawn);
        Instant end = rules.mandateEnd(now);
        outcome.selected().forEach((group, selected) -> selected.forEach(app -> apply(new MemberSeated(councilId, app,
                applicants.get(app).participantId(), group, command.callId(), now, end, null))));
        return drawn;
    }

    /**
     * An applicant withdraws: from an open call's pool, or from a drawn call's alternates. A closed,
     * not yet drawn call keeps its frozen pool (its hash is published): a withdrawal then waits for the
     * draw, and is refused with {@code sortition.pool-frozen}. A seated member resigns instead.
     */
    @CommandHandler
    public void handle(WithdrawApplication command, Clock clock) {
        requireDefined();
        Applicant applicant = applicants.get(command.applicationId());
        if (applicant == null || withdrawn.contains(command.applicationId())) {
            throw RuleViolation.notFound("sortition.not-found", "No application " + command.applicationId() + " on this council.");
        }
        if (!applicant.participantId().equals(command.by())) {
            throw RuleViolation.forbidden("sortition.not-the-applicant", "Only the applicant withdraws an application.");
        }
        if (seats.containsKey(command.applicationId())) {
            throw RuleViolation.conflict("sortition.already-member", "A seated member resigns rather than withdraws.");
        }
        Call call = calls.get(applicant.callId());
        if (call.stage == Stage.CLOSED) {
            throw RuleViolation.refused("sortition.pool-frozen", "The pool of this call is frozen until its draw.");
        }
        if (call.stage == Stage.DRAWN && call.alternates.getOrDefault(applicant.group(), List.of())
                .stream().noneMatch(command.applicationId()::equals)) {
            throw RuleViolation.refused("sortition.not-an-alternate", "After the draw only an alternate's place can be given up.");
        }
        apply(new ApplicationWithdrawn(councilId, applicant.callId(), command.applicationId(), command.by(), clock.instant()));
    }

    /** Resigns a member and seats the next still-eligible alternate of the group; returns that alternate, or null. */
    @CommandHandler
    public ApplicationId handle(ResignMember command, Clock clock) {
        requireDefined();
        Seat seat = seats.get(command.applicationId());
        if (seat == null) {
            throw RuleViolation.notFound("sortition.not-found", "No member " + command.applicationId() + " on this council.");
        }
        if (!command.byAdmin() && !seat.participantId.equals(command.by())) {
            throw RuleViolation.forbidden("sortition.not-the-member", "Only the member or an admin records a resignation.");
        }
        Instant now = clock.instant();
        if (!seat.sittingAt(now)) {
            throw RuleViolation.conflict("sortition.not-sitting", "This member's mandate has ended.");
        }
        apply(new MemberResigned(councilId, command.applicationId(), seat.participantId, seat.group, command.by(), now));
        LocalDate today = ParisCalendar.today(clock);
        for (ApplicationId alternate : calls.get(seat.callId).alternates.getOrDefault(seat.group, List.of())) {
            if (stillEligible(alternate, now, today)) {
                apply(new MemberSeated(councilId, alternate, applicants.get(alternate).participantId(), seat.group,
                        seat.callId, now, seat.end, command.applicationId()));
                return alternate;
            }
        }
        apply(new SeatLeftVacant(councilId, seat.group, command.applicationId(), now));
        return null;
    }

    /**
     * An alternate may replace a member if never seated from this application, not sitting now on
     * another seat, not a former member of a non-renewable council, and not withdrawn. Age and
     * residence were judged on the day of application: no birth date is kept to judge them again
     * (privacy by design, docs/privacy.md), so an alternate keeps that eligibility.
     */
    private boolean stillEligible(ApplicationId alternate, Instant now, LocalDate today) {
        Applicant a = applicants.get(alternate);
        if (seats.containsKey(alternate) || isSitting(a.participantId(), now)) {
            return false;
        }
        if (!rules.renewable() && hasSat(a.participantId())) {
            return false;
        }
        return !withdrawn.contains(alternate);
    }

    private int vacant(String group, Instant now) {
        long sitting = seats.values().stream().filter(s -> s.group.equals(group) && s.sittingAt(now)).count();
        return (int) Math.max(0, rules.quotas().getOrDefault(group, 0) - sitting);
    }

    private boolean isSitting(ParticipantId participant, Instant now) {
        return seats.values().stream().anyMatch(s -> s.participantId.equals(participant) && s.sittingAt(now));
    }

    private boolean hasSat(ParticipantId participant) {
        return seats.values().stream().anyMatch(s -> s.participantId.equals(participant));
    }

    private void requireDefined() {
        if (rules == null) {
            throw RuleViolation.notFound("sortition.not-found", "No such council.");
        }
    }

    private Call call(CallId callId) {
        requireDefined();
        Call call = calls.get(callId);
        if (call == null) {
            throw RuleViolation.notFound("sortition.not-found", "This council has no call " + callId + ".");
        }
        return call;
    }

    @EventSourcingHandler
    void on(CouncilDefined event) {
        id = event.councilId().aggregateId();
        councilId = event.councilId();
        rules = event.rules();
    }

    @EventSourcingHandler
    void on(CallOpened event) {
        Call call = new Call();
        call.seats = new TreeMap<>(event.seats());
        call.alternatesPerGroup = event.alternatesPerGroup();
        calls.put(event.callId(), call);
    }

    @EventSourcingHandler
    void on(ApplicationRecorded event) {
        Call call = calls.get(event.callId());
        call.applied.add(event.participantId());
        call.applications.add(new PoolEntry(event.applicationId(), event.group()));
        applicants.put(event.applicationId(), new Applicant(event.participantId(), event.group(), event.callId()));
    }

    @EventSourcingHandler
    void on(ApplicationWithdrawn event) {
        withdrawn.add(event.applicationId());
        Call call = calls.get(event.callId());
        if (call.stage == Stage.OPEN) {
            call.applied.remove(event.participantId());
            call.applications.removeIf(e -> e.applicationId().equals(event.applicationId()));
        }
    }

    @EventSourcingHandler
    void on(CallClosed event) {
        calls.get(event.callId()).stage = Stage.CLOSED;
    }

    @EventSourcingHandler
    void on(CallDrawn event) {
        Call call = calls.get(event.callId());
        call.stage = Stage.DRAWN;
        call.alternates = event.alternates();
        call.applied.clear();
    }

    @EventSourcingHandler
    void on(MemberSeated event) {
        seats.put(event.applicationId(), new Seat(event.participantId(), event.group(), event.callId(),
                event.mandateStart(), event.mandateEnd()));
    }

    @EventSourcingHandler
    void on(MemberResigned event) {
        seats.get(event.applicationId()).resignedAt = event.resignedAt();
    }
}
