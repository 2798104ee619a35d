package fr.paris.ledger.verifier;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.ApplicationRecorded;
import fr.paris.ledger.sortition.ApplicationWithdrawn;
import fr.paris.ledger.sortition.CallDrawn;
import fr.paris.ledger.sortition.CallId;
import fr.paris.ledger.sortition.CallOpened;
import fr.paris.ledger.sortition.CouncilDefined;
import fr.paris.ledger.sortition.MemberResigned;
import fr.paris.ledger.sortition.MemberSeated;
import fr.paris.ledger.sortition.SeatLeftVacant;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code recount}, council seats: replays each council's events in order and checks every seat
 * change against the rules, from the export alone. After a draw, exactly its selected applicants
 * are seated, from the draw's time to the end of a mandate, and the number of seats drawn per group
 * was the group's vacant seats (at most the call's). After a resignation, the seat goes to the first
 * alternate of that group, in the draw's order, who is still eligible (never seated from that
 * application, not sitting elsewhere, not a former member of a non-renewable council, not withdrawn
 * by an ApplicationWithdrawn before the resignation), for the rest of the mandate; or it is left
 * vacant when none is. Age and residence are not judged again: the events keep no birth date, and
 * an alternate keeps the eligibility judged when the application was recorded. Any other seat event
 * is a difference. Memory grows with applications and seats, not with other events.
 *
 * <p>The council's rules are read from CouncilDefined's fields, and a mandate's end is computed here, as
 * docs/sortition.md states it: the draw's instant, {@code mandateMonths} later on the Paris calendar (an
 * alternate who takes a seat keeps its end); the service's council rules are not called.
 */
final class SeatRecount {
    private static final String SORTITION = DrawRecount.SORTITION;

    /** A council's rules as CouncilDefined records them: its quota groups' seats, a mandate's length, renewable or not. */
    record Rules(Map<String, Integer> quotas, int mandateMonths, boolean renewable) {
        private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

        /** The same instant, {@code mandateMonths} later on the Paris calendar. */
        Instant mandateEnd(Instant start) {
            return start.atZone(PARIS).plusMonths(mandateMonths).toInstant();
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

        boolean sittingAt(Instant now) {
            return resignedAt == null && !start.isAfter(now) && end.isAfter(now);
        }
    }

    /** A seat change the rules call for next: a seating ({@code applicationId} set) or a vacancy. */
    private record Expected(ApplicationId applicationId, String group, CallId callId, Instant start, Instant end,
                            ApplicationId replaces, ApplicationId vacatedBy) {
        String terms() {
            return "group " + group + ", call " + (callId == null ? null : callId.value()) + ", from " + start + " to " + end
                    + (replaces == null ? "" : ", replacing " + replaces.value());
        }

        String describe() {
            return applicationId != null ? "the seating of " + applicationId.value() + " in " + group
                    : "a vacancy in " + group + " after " + vacatedBy.value() + " resigned";
        }
    }

    private static final class Council {
        Rules rules;
        final Map<ApplicationId, Applicant> applicants = new HashMap<>();
        final Set<ApplicationId> withdrawn = new HashSet<>();
        final Map<CallId, Map<String, Integer>> callSeats = new HashMap<>();
        final Map<CallId, Map<String, List<ApplicationId>>> alternates = new HashMap<>();
        final Map<ApplicationId, Seat> seats = new LinkedHashMap<>();
        final List<Expected> expected = new ArrayList<>();
        long seatings;
        long resignations;
        String problem;
    }

    private final Map<String, Council> councils = new TreeMap<>();

    void first(ExportEvents.Event e) throws IOException {
        String type = e.payloadType();
        if (!type.startsWith(SORTITION)) {
            return;
        }
        switch (type.substring(SORTITION.length())) {
            case "CouncilDefined" -> {
                CouncilDefined d = e.as(CouncilDefined.class);
                council(d.councilId().value()).rules = new Rules(d.quotas() == null ? Map.of() : d.quotas(),
                        d.mandateMonths(), d.renewable());
            }
            case "CallOpened" -> {
                CallOpened o = e.as(CallOpened.class);
                Council c = checked(o.councilId().value(), e);
                c.callSeats.put(o.callId(), o.seats());
            }
            case "ApplicationRecorded" -> {
                ApplicationRecorded a = e.as(ApplicationRecorded.class);
                Council c = checked(a.councilId().value(), e);
                c.applicants.put(a.applicationId(), new Applicant(a.participantId(), a.group(), a.callId()));
            }
            case "ApplicationWithdrawn" -> {
                ApplicationWithdrawn w = e.as(ApplicationWithdrawn.class);
                checked(w.councilId().value(), e).withdrawn.add(w.applicationId());
            }
            case "CallDrawn" -> {
                CallDrawn d = e.as(CallDrawn.class);
                drawn(checked(d.councilId().value(), e), d, e);
            }
            case "MemberSeated" -> {
                MemberSeated m = e.as(MemberSeated.class);
                seated(council(m.councilId().value()), m, e);
            }
            case "MemberResigned" -> {
                MemberResigned r = e.as(MemberResigned.class);
                resigned(checked(r.councilId().value(), e), r, e);
            }
            case "SeatLeftVacant" -> {
                SeatLeftVacant v = e.as(SeatLeftVacant.class);
                vacant(council(v.councilId().value()), v, e);
            }
            default -> checked(e.aggregateId().replaceFirst("^council:", ""), e);
        }
    }

    private Council council(String id) {
        return councils.computeIfAbsent(id, k -> new Council());
    }

    /** The council, after checking that no seat change the rules called for is still missing. */
    private Council checked(String id, ExportEvents.Event e) {
        Council c = council(id);
        if (!c.expected.isEmpty()) {
            problem(c, e, c.expected.get(0).describe() + " was due before this " + simpleType(e));
            c.expected.clear();
        }
        return c;
    }

    private void drawn(Council c, CallDrawn d, ExportEvents.Event e) {
        Map<String, Integer> wanted = c.callSeats.getOrDefault(d.callId(), Map.of());
        for (Map.Entry<String, Integer> group : new TreeMap<>(wanted).entrySet()) {
            int quota = c.rules == null ? 0 : c.rules.quotas().getOrDefault(group.getKey(), 0);
            long sitting = c.seats.values().stream().filter(s -> s.group.equals(group.getKey()) && s.sittingAt(d.drawnAt())).count();
            int vacant = (int) Math.max(0, quota - sitting);
            int due = Math.min(group.getValue(), vacant);
            Integer recorded = d.seats() == null ? null : d.seats().get(group.getKey());
            if (!Objects.equals(recorded, due)) {
                problem(c, e, "the draw of " + d.callId().value() + " drew " + recorded + " seats in " + group.getKey()
                        + ", but " + due + " were vacant (of the call's " + group.getValue() + ")");
            }
        }
        c.alternates.put(d.callId(), d.alternates() == null ? Map.of() : d.alternates());
        Instant end = c.rules == null ? null : c.rules.mandateEnd(d.drawnAt());
        if (d.selected() != null) {
            new TreeMap<>(d.selected()).forEach((group, apps) -> apps.forEach(app ->
                    c.expected.add(new Expected(app, group, d.callId(), d.drawnAt(), end, null, null))));
        }
    }

    private void seated(Council c, MemberSeated s, ExportEvents.Event e) {
        Expected match = c.expected.stream().filter(x -> s.applicationId().equals(x.applicationId())).findFirst().orElse(null);
        if (match == null) {
            problem(c, e, s.applicationId().value() + " was seated, but no draw or resignation called for it"
                    + (c.expected.isEmpty() ? "" : " (due: " + c.expected.get(0).describe() + ")"));
        } else {
            c.expected.remove(match);
            Applicant a = c.applicants.get(s.applicationId());
            Expected got = new Expected(s.applicationId(), s.group(), s.callId(), s.mandateStart(), s.mandateEnd(), s.replaces(), null);
            if (!got.equals(match) || a == null || !a.participantId().equals(s.participantId())) {
                problem(c, e, "the seating of " + s.applicationId().value() + " records " + got.terms() + " for participant "
                        + s.participantId().value() + "; the rules give " + match.terms()
                        + (a == null ? " (no such application)" : " for participant " + a.participantId().value()));
            }
        }
        c.seats.put(s.applicationId(), new Seat(s.participantId(), s.group(), s.callId(), s.mandateStart(), s.mandateEnd()));
        c.seatings++;
    }

    private void resigned(Council c, MemberResigned r, ExportEvents.Event e) {
        c.resignations++;
        Seat seat = c.seats.get(r.applicationId());
        if (seat == null || !seat.sittingAt(r.resignedAt())) {
            problem(c, e, r.applicationId().value() + " resigned, but was not sitting");
            return;
        }
        seat.resignedAt = r.resignedAt();
        for (ApplicationId alternate : c.alternates.getOrDefault(seat.callId, Map.of()).getOrDefault(seat.group, List.of())) {
            if (stillEligible(c, alternate, r.resignedAt())) {
                c.expected.add(new Expected(alternate, seat.group, seat.callId, r.resignedAt(), seat.end, r.applicationId(), null));
                return;
            }
        }
        c.expected.add(new Expected(null, seat.group, null, r.resignedAt(), null, null, r.applicationId()));
    }

    private boolean stillEligible(Council c, ApplicationId alternate, Instant now) {
        Applicant a = c.applicants.get(alternate);
        if (a == null || c.seats.containsKey(alternate)
                || c.seats.values().stream().anyMatch(s -> s.participantId.equals(a.participantId()) && s.sittingAt(now))) {
            return false;
        }
        if (c.rules != null && !c.rules.renewable()
                && c.seats.values().stream().anyMatch(s -> s.participantId.equals(a.participantId()))) {
            return false;
        }
        return !c.withdrawn.contains(alternate);
    }

    private void vacant(Council c, SeatLeftVacant v, ExportEvents.Event e) {
        Expected match = c.expected.stream()
                .filter(x -> x.applicationId() == null && v.vacatedBy().equals(x.vacatedBy())).findFirst().orElse(null);
        if (match == null) {
            problem(c, e, "a seat in " + v.group() + " was left vacant after " + v.vacatedBy().value() + ", but "
                    + (c.expected.isEmpty() ? "no resignation called for it" : "the rules give " + c.expected.get(0).describe()));
            return;
        }
        c.expected.remove(match);
        if (!match.group().equals(v.group())) {
            problem(c, e, "the vacancy after " + v.vacatedBy().value() + " is recorded in " + v.group() + ", not " + match.group());
        }
    }

    private static void problem(Council c, ExportEvents.Event e, String what) {
        if (c.problem == null) {
            c.problem = "leaf " + e.leafIndex() + ": " + what;
        }
    }

    private static String simpleType(ExportEvents.Event e) {
        return e.payloadType().substring(e.payloadType().lastIndexOf('.') + 1);
    }

    /** Prints one line per council with seats; returns {councils, differing}. */
    long[] report(PrintStream out) {
        long differ = 0;
        long reported = 0;
        for (Map.Entry<String, Council> entry : councils.entrySet()) {
            Council c = entry.getValue();
            if (c.seatings == 0 && c.resignations == 0 && c.expected.isEmpty() && c.problem == null) {
                continue;
            }
            reported++;
            if (c.problem == null && !c.expected.isEmpty()) {
                c.problem = c.expected.get(0).describe() + " never happened";
            }
            if (c.problem != null) {
                differ++;
            }
            out.println((c.problem == null ? "OK   " : "DIFF ") + "seats " + entry.getKey() + ": " + c.seatings + " seatings, "
                    + c.resignations + " resignations " + (c.problem == null
                    ? "follow the draws and the alternates' order" : "(" + c.problem + ")"));
        }
        return new long[] {reported, differ};
    }
}
