package fr.paris.ledger.sortition;

import fr.paris.ledger.testing.MovableClock;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import fr.paris.ledger.shared.RuleViolation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CouncilTest {
    private static final Instant T0 = Instant.parse("2026-10-01T08:00:00Z");
    private static final Instant CLOSED_AT = Instant.parse("2026-11-01T08:00:00Z");
    private static final Instant DRAWN_AT = Instant.parse("2026-11-15T08:00:00Z");
    /** 24 months after DRAWN_AT in Paris: 09:00 in Paris on both days (winter time). */
    private static final Instant TERM = Instant.parse("2028-11-15T08:00:00Z");
    private static final CouncilId CPJ = new CouncilId("cpj");
    private static final CallId CALL = new CallId("2026");
    private static final CallId NEXT = new CallId("2027");
    private static final ParticipantId ADMIN = new ParticipantId("s-a3d7m2n9q4x8w5z6k3v7b2t9hj");
    private static final PostalCode P11 = new PostalCode("75011");
    private static final LocalDate BORN_2000 = LocalDate.of(2000, 3, 1);
    private static final List<RandomSource> SOURCES = List.of(RandomSource.numbers(9319L),
            RandomSource.numbers(2L, 5L, 12L, 8L, 10L), RandomSource.numbers(9L, 18L, 26L, 34L, 41L, 45L));

    private FixtureConfiguration<Council> fixture;
    private final MovableClock clock = new MovableClock(T0);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Council.class);
        fixture.registerInjectableResource(clock);
    }

    private static CouncilRules cpjRules(boolean renewable) {
        return new CouncilRules(4, 15, 30, true, Map.of("F", 2, "M", 2), 24, renewable);
    }

    private static CouncilDefined defined(boolean renewable) {
        CouncilRules r = cpjRules(renewable);
        return new CouncilDefined(CPJ, "Conseil Parisien de la Jeunesse", r.seats(), r.minAge(), r.maxAge(), r.residentsOnly(),
                r.quotas(), r.mandateMonths(), r.renewable(), ADMIN, T0);
    }

    private static CallOpened opened(CallId call) {
        return new CallOpened(CPJ, call, Map.of("F", 2, "M", 2), 1, ADMIN, T0);
    }

    private static ApplicationId app(int n) {
        return new ApplicationId(String.format("app-%012d", n));
    }

    /** Applicant n's reference in the scope {@code council:cpj}: the same across every call of the council. */
    private static ParticipantId person(int n) {
        return new ParticipantId(String.format("r-cpj%023d", n));
    }

    private static ApplicationRecorded applied(CallId call, int n, String group) {
        return new ApplicationRecorded(CPJ, call, app(n), person(n), group, T0);
    }

    /** Ten applicants alternating F, M: the worked example of docs/sortition.md (F: 7, 3 then 1; M: 10, 4 then 8). */
    private static List<Object> tenApplications(CallId call) {
        List<Object> events = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            events.add(applied(call, i, i % 2 == 1 ? "F" : "M"));
        }
        return events;
    }

    private static List<PoolEntry> tenPool() {
        List<PoolEntry> pool = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            pool.add(new PoolEntry(app(i), i % 2 == 1 ? "F" : "M"));
        }
        return pool;
    }

    private static CallClosed closed(CallId call, List<PoolEntry> pool) {
        return new CallClosed(CPJ, call, pool, PoolHash.of(pool), Map.of("F", 5, "M", 5), ADMIN, CLOSED_AT);
    }

    private static List<Object> seatedCycle() {
        List<Object> events = new ArrayList<>();
        events.add(defined(false));
        events.add(opened(CALL));
        events.addAll(tenApplications(CALL));
        events.add(closed(CALL, tenPool()));
        events.add(new CallDrawn(CPJ, CALL, "SHA256-V1", PoolHash.of(tenPool()), SOURCES, "9319./2.5.8.10.12./9.18.26.34.41.45./",
                Map.of("F", 2, "M", 2), 1, Map.of("F", List.of(app(7), app(3)), "M", List.of(app(10), app(4))),
                Map.of("F", List.of(app(1)), "M", List.of(app(8))), ADMIN, DRAWN_AT));
        events.add(seated(7, "F", null, DRAWN_AT));
        events.add(seated(3, "F", null, DRAWN_AT));
        events.add(seated(10, "M", null, DRAWN_AT));
        events.add(seated(4, "M", null, DRAWN_AT));
        return events;
    }

    private static MemberSeated seated(int n, String group, ApplicationId replaces, Instant start) {
        return new MemberSeated(CPJ, app(n), person(n), group, CALL, start, TERM, replaces);
    }

    private ApplyToCall apply(CallId call, int n, String group, LocalDate birthdate, PostalCode postalCode) {
        return new ApplyToCall(CPJ, call, app(n), person(n), group, birthdate, postalCode);
    }

    @Test
    void an_admin_defines_a_council() {
        fixture.givenNoPriorActivity()
                .when(new DefineCouncil(CPJ, "Conseil Parisien de la Jeunesse", cpjRules(false), ADMIN))
                .expectEvents(defined(false));
    }

    @Test
    void refuses_to_define_a_council_twice() {
        fixture.given(defined(false))
                .when(new DefineCouncil(CPJ, "Again", cpjRules(false), ADMIN))
                .expectNoEvents()
                .expectException(violation("sortition.council-exists"));
    }

    @Test
    void opens_a_call_for_seats_of_the_council_groups() {
        fixture.given(defined(false))
                .when(new OpenCall(CPJ, CALL, Map.of("F", 2, "M", 2), 1, ADMIN))
                .expectEvents(opened(CALL));
    }

    @Test
    void refuses_a_call_for_an_unknown_group_or_beyond_the_quota_or_twice() {
        fixture.given(defined(false)).when(new OpenCall(CPJ, CALL, Map.of("X", 1), 0, ADMIN))
                .expectNoEvents().expectException(violation("sortition.unknown-group"));
        fixture.given(defined(false)).when(new OpenCall(CPJ, CALL, Map.of("F", 3), 0, ADMIN))
                .expectNoEvents().expectException(violation("sortition.seats-exceed-quota"));
        fixture.given(defined(false), opened(CALL)).when(new OpenCall(CPJ, CALL, Map.of("F", 1), 0, ADMIN))
                .expectNoEvents().expectException(violation("sortition.call-exists"));
    }

    @Test
    void refuses_a_call_of_an_undefined_council() {
        fixture.givenNoPriorActivity().when(new OpenCall(CPJ, CALL, Map.of("F", 1), 0, ADMIN))
                .expectNoEvents().expectException(org.axonframework.modelling.command.AggregateNotFoundException.class);
    }

    @Test
    void an_eligible_parisian_applies_declaring_a_group() {
        fixture.given(defined(false), opened(CALL))
                .when(apply(CALL, 1, "F", BORN_2000, P11))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(app(1))
                .expectEvents(applied(CALL, 1, "F"));
    }

    @Test
    void the_age_is_judged_on_the_day_of_application_in_paris_and_only_the_application_is_recorded() {
        // 30 until the eve of the 31st birthday: 2026-10-01 is the last day at 30 for someone born 1995-10-02
        fixture.given(defined(false), opened(CALL))
                .when(apply(CALL, 1, "F", LocalDate.of(1995, 10, 2), P11))
                .expectEvents(new ApplicationRecorded(CPJ, CALL, app(1), person(1), "F", T0));
        fixture.given(defined(false), opened(CALL))
                .when(apply(CALL, 1, "F", LocalDate.of(1995, 10, 1), P11))
                .expectNoEvents().expectException(violation("sortition.not-eligible"));
        fixture.given(defined(false), opened(CALL))
                .when(apply(CALL, 1, "F", LocalDate.of(2011, 10, 2), P11))
                .expectNoEvents().expectException(violation("sortition.not-eligible"));
    }

    @Test
    void refuses_an_applicant_without_a_birthdate_or_outside_paris_when_residents_only() {
        fixture.given(defined(false), opened(CALL)).when(apply(CALL, 1, "F", null, P11))
                .expectNoEvents().expectException(violation("sortition.not-eligible"));
        fixture.given(defined(false), opened(CALL)).when(apply(CALL, 1, "F", BORN_2000, new PostalCode("93200")))
                .expectNoEvents().expectException(violation("sortition.not-eligible"));
        fixture.given(defined(false), opened(CALL)).when(apply(CALL, 1, "F", BORN_2000, null))
                .expectNoEvents().expectException(violation("sortition.not-eligible"));
    }

    @Test
    void a_council_open_to_all_takes_an_applicant_from_outside_paris_without_birthdate() {
        CouncilDefined open = new CouncilDefined(CPJ, "Comité des noctambules", 30, null, null, false, Map.of("ALL", 30), 24,
                false, ADMIN, T0);
        fixture.given(open, new CallOpened(CPJ, CALL, Map.of("ALL", 30), 5, ADMIN, T0))
                .when(apply(CALL, 1, "ALL", null, new PostalCode("93200")))
                .expectEvents(new ApplicationRecorded(CPJ, CALL, app(1), person(1), "ALL", T0));
    }

    @Test
    void refuses_a_second_application_by_the_same_participant() {
        fixture.given(defined(false), opened(CALL), applied(CALL, 1, "F"))
                .when(new ApplyToCall(CPJ, CALL, app(99), person(1), "M", BORN_2000, P11))
                .expectNoEvents().expectException(violation("sortition.already-applied"));
    }

    @Test
    void refuses_an_application_to_a_group_the_call_does_not_draw() {
        fixture.given(defined(false), opened(CALL))
                .when(apply(CALL, 1, "X", BORN_2000, P11))
                .expectNoEvents().expectException(violation("sortition.unknown-group"));
    }

    @Test
    void refuses_an_application_to_a_closed_call_or_an_unknown_call() {
        fixture.given(defined(false), opened(CALL), closed(CALL, List.of()))
                .when(apply(CALL, 1, "F", BORN_2000, P11))
                .expectNoEvents().expectException(violation("sortition.call-closed"));
        fixture.given(defined(false))
                .when(apply(CALL, 1, "F", BORN_2000, P11))
                .expectNoEvents().expectException(violation("sortition.not-found"));
    }

    @Test
    void closing_freezes_the_pool_in_application_order_with_its_hash() {
        List<Object> given = new ArrayList<>(List.of(defined(false), opened(CALL)));
        given.addAll(tenApplications(CALL));
        clock.set(CLOSED_AT);
        fixture.given(given)
                .when(new CloseCall(CPJ, CALL, ADMIN))
                .expectEvents(new CallClosed(CPJ, CALL, tenPool(), "vW2OkqxrTUWwDm02IEvg6HC5NR1Tbitl+fBcPBHdoRY=",
                        Map.of("F", 5, "M", 5), ADMIN, CLOSED_AT));
    }

    @Test
    void refuses_to_close_twice() {
        fixture.given(defined(false), opened(CALL), closed(CALL, List.of()))
                .when(new CloseCall(CPJ, CALL, ADMIN))
                .expectNoEvents().expectException(violation("sortition.call-closed"));
    }

    @Test
    void refuses_a_draw_before_the_pool_is_frozen() {
        fixture.given(defined(false), opened(CALL))
                .when(new DrawCall(CPJ, CALL, DrawAlgorithm.SHA256_V1, SOURCES, ADMIN))
                .expectNoEvents().expectException(violation("sortition.pool-not-frozen"));
    }

    @Test
    void the_draw_records_everything_to_recompute_it_and_seats_the_drawn_for_the_mandate() {
        List<Object> all = seatedCycle();
        clock.set(DRAWN_AT);
        fixture.given(all.subList(0, 13))
                .when(new DrawCall(CPJ, CALL, DrawAlgorithm.SHA256_V1, SOURCES, ADMIN))
                .expectEvents(all.subList(13, 18).toArray());
    }

    @Test
    void refuses_a_second_draw() {
        clock.set(DRAWN_AT);
        fixture.given(seatedCycle())
                .when(new DrawCall(CPJ, CALL, DrawAlgorithm.SHA256_V1, SOURCES, ADMIN))
                .expectNoEvents().expectException(violation("sortition.already-drawn"));
    }

    @Test
    void refuses_an_rfc3797_draw_of_two_groups() {
        List<Object> all = seatedCycle();
        fixture.given(all.subList(0, 13))
                .when(new DrawCall(CPJ, CALL, DrawAlgorithm.RFC3797, SOURCES, ADMIN))
                .expectNoEvents().expectException(violation("sortition.rfc3797-one-group-only"));
    }

    @Test
    void a_sitting_member_cannot_apply_again() {
        clock.set(DRAWN_AT.plusSeconds(86_400 * 300L));
        List<Object> given = new ArrayList<>(seatedCycle());
        given.add(opened(NEXT));
        fixture.given(given)
                .when(new ApplyToCall(CPJ, NEXT, app(50), person(7), "F", BORN_2000, P11))
                .expectNoEvents().expectException(violation("sortition.already-member"));
    }

    @Test
    void a_former_member_of_a_non_renewable_council_cannot_apply_again() {
        clock.set(TERM.plusSeconds(1));
        List<Object> given = new ArrayList<>(seatedCycle());
        given.add(opened(NEXT));
        fixture.given(given)
                .when(new ApplyToCall(CPJ, NEXT, app(50), person(7), "F", BORN_2000, P11))
                .expectNoEvents().expectException(violation("sortition.former-member"));
    }

    @Test
    void a_former_member_of_a_renewable_council_applies_again() {
        clock.set(TERM.plusSeconds(1));
        List<Object> given = new ArrayList<>(seatedCycle());
        given.set(0, defined(true));
        given.add(opened(NEXT));
        fixture.given(given)
                .when(new ApplyToCall(CPJ, NEXT, app(50), person(7), "F", BORN_2000, P11))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void a_resigning_member_is_replaced_by_the_next_alternate_of_the_group_for_the_rest_of_the_mandate() {
        Instant later = DRAWN_AT.plusSeconds(86_400 * 100L);
        clock.set(later);
        fixture.given(seatedCycle())
                .when(new ResignMember(CPJ, app(3), person(3), false))
                .expectResultMessagePayload(app(1))
                .expectEvents(new MemberResigned(CPJ, app(3), person(3), "F", person(3), later),
                        seated(1, "F", app(3), later));
    }

    @Test
    void an_admin_records_a_resignation_and_without_an_eligible_alternate_the_seat_stays_vacant() {
        Instant later = DRAWN_AT.plusSeconds(86_400 * 100L);
        clock.set(later);
        List<Object> given = new ArrayList<>(seatedCycle());
        given.add(new MemberResigned(CPJ, app(3), person(3), "F", person(3), later));
        given.add(seated(1, "F", app(3), later));
        fixture.given(given)
                .when(new ResignMember(CPJ, app(7), ADMIN, true))
                .expectEvents(new MemberResigned(CPJ, app(7), person(7), "F", ADMIN, later),
                        new SeatLeftVacant(CPJ, "F", app(7), later));
    }

    @Test
    void an_alternate_keeps_the_eligibility_judged_at_application_and_is_seated_even_if_time_passed() {
        // applicant 8 (the M alternate) applied at 30, the council's maximum, on the last day at 30
        fixture.given(defined(false), opened(CALL))
                .when(apply(CALL, 8, "M", LocalDate.of(1995, 10, 2), P11))
                .expectEvents(applied(CALL, 8, "M"));
        // twenty months later they are 32: no birth date was kept to judge it again, the alternate is seated
        Instant later = DRAWN_AT.plusSeconds(86_400 * 600L);
        clock.set(later);
        fixture.given(seatedCycle())
                .when(new ResignMember(CPJ, app(4), person(4), false))
                .expectResultMessagePayload(app(8))
                .expectEvents(new MemberResigned(CPJ, app(4), person(4), "M", person(4), later),
                        seated(8, "M", app(4), later));
    }

    @Test
    void only_the_member_or_an_admin_records_a_resignation() {
        clock.set(DRAWN_AT.plusSeconds(60));
        fixture.given(seatedCycle())
                .when(new ResignMember(CPJ, app(3), person(4), false))
                .expectNoEvents().expectException(violation("sortition.not-the-member"));
    }

    @Test
    void refuses_the_resignation_of_an_unknown_or_ended_mandate() {
        clock.set(DRAWN_AT.plusSeconds(60));
        fixture.given(seatedCycle())
                .when(new ResignMember(CPJ, app(5), person(5), false))
                .expectNoEvents().expectException(violation("sortition.not-found"));
        clock.set(TERM);
        fixture.given(seatedCycle())
                .when(new ResignMember(CPJ, app(3), person(3), false))
                .expectNoEvents().expectException(violation("sortition.not-sitting"));
    }

    @Test
    void a_partial_renewal_draws_only_the_seats_then_vacant_in_each_group() {
        Instant later = DRAWN_AT.plusSeconds(86_400 * 100L);
        List<Object> given = new ArrayList<>(seatedCycle());
        given.add(new MemberResigned(CPJ, app(3), person(3), "F", person(3), later));
        given.add(new SeatLeftVacant(CPJ, "F", app(3), later));
        given.add(opened(NEXT));
        List<PoolEntry> pool = new ArrayList<>();
        for (int i = 21; i <= 26; i++) {
            String group = i % 2 == 1 ? "F" : "M";
            given.add(applied(NEXT, i, group));
            pool.add(new PoolEntry(app(i), group));
        }
        given.add(closed(NEXT, pool));
        Instant drawAt = later.plusSeconds(86_400);
        clock.set(drawAt);
        SortitionDraw.Outcome expected = SortitionDraw.draw(DrawAlgorithm.SHA256_V1, pool, Map.of("F", 1, "M", 0), 1, SOURCES);
        ApplicationId newF = expected.selected().get("F").get(0);
        fixture.given(given)
                .when(new DrawCall(CPJ, NEXT, DrawAlgorithm.SHA256_V1, SOURCES, ADMIN))
                .expectEvents(new CallDrawn(CPJ, NEXT, "SHA256-V1", PoolHash.of(pool), SOURCES, expected.key(),
                                Map.of("F", 1, "M", 0), 1, expected.selected(), expected.alternates(), ADMIN, drawAt),
                        new MemberSeated(CPJ, newF, person(Integer.parseInt(newF.value().substring(4))), "F", NEXT, drawAt,
                                cpjRules(false).mandateEnd(drawAt), null));
    }

    private static ApplicationWithdrawn withdrawn(CallId call, int n, Instant at) {
        return new ApplicationWithdrawn(CPJ, call, app(n), person(n), at);
    }

    private static List<Object> openWithTenApplications() {
        List<Object> events = new ArrayList<>(List.of(defined(false), opened(CALL)));
        events.addAll(tenApplications(CALL));
        return events;
    }

    @Test
    void an_applicant_withdraws_from_an_open_call() {
        Instant at = T0.plusSeconds(3_600);
        clock.set(at);
        fixture.given(defined(false), opened(CALL), applied(CALL, 1, "F"))
                .when(new WithdrawApplication(CPJ, app(1), person(1)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(withdrawn(CALL, 1, at));
    }

    @Test
    void the_pool_frozen_at_close_excludes_a_withdrawn_application() {
        List<Object> given = openWithTenApplications();
        given.add(withdrawn(CALL, 3, T0.plusSeconds(60)));
        List<PoolEntry> pool = new ArrayList<>(tenPool());
        pool.removeIf(e -> e.applicationId().equals(app(3)));
        clock.set(CLOSED_AT);
        fixture.given(given)
                .when(new CloseCall(CPJ, CALL, ADMIN))
                .expectEvents(new CallClosed(CPJ, CALL, pool, PoolHash.of(pool), Map.of("F", 4, "M", 5), ADMIN, CLOSED_AT));
    }

    @Test
    void a_withdrawn_applicant_may_apply_again_while_the_call_is_open_and_only_the_new_application_is_in_the_pool() {
        ApplicationId again = app(11);
        fixture.given(defined(false), opened(CALL), applied(CALL, 1, "F"), withdrawn(CALL, 1, T0))
                .when(new ApplyToCall(CPJ, CALL, again, person(1), "M", BORN_2000, P11))
                .expectResultMessagePayload(again)
                .expectEvents(new ApplicationRecorded(CPJ, CALL, again, person(1), "M", T0));
        clock.set(CLOSED_AT);
        List<PoolEntry> pool = List.of(new PoolEntry(again, "M"));
        fixture.given(defined(false), opened(CALL), applied(CALL, 1, "F"), withdrawn(CALL, 1, T0),
                        new ApplicationRecorded(CPJ, CALL, again, person(1), "M", T0))
                .when(new CloseCall(CPJ, CALL, ADMIN))
                .expectEvents(new CallClosed(CPJ, CALL, pool, PoolHash.of(pool), Map.of("F", 0, "M", 1), ADMIN, CLOSED_AT));
    }

    @Test
    void refuses_to_withdraw_an_unknown_application() {
        fixture.given(defined(false), opened(CALL), applied(CALL, 1, "F"))
                .when(new WithdrawApplication(CPJ, app(2), person(2)))
                .expectNoEvents()
                .expectException(violation("sortition.not-found", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void refuses_to_withdraw_an_application_already_withdrawn() {
        fixture.given(defined(false), opened(CALL), applied(CALL, 1, "F"), withdrawn(CALL, 1, T0))
                .when(new WithdrawApplication(CPJ, app(1), person(1)))
                .expectNoEvents()
                .expectException(violation("sortition.not-found", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void refuses_to_withdraw_someone_elses_application() {
        fixture.given(defined(false), opened(CALL), applied(CALL, 1, "F"), applied(CALL, 2, "M"))
                .when(new WithdrawApplication(CPJ, app(1), person(2)))
                .expectNoEvents()
                .expectException(violation("sortition.not-the-applicant", RuleViolation.Kind.FORBIDDEN));
    }

    @Test
    void refuses_the_withdrawal_of_a_seated_member_who_resigns_instead() {
        clock.set(DRAWN_AT.plusSeconds(60));
        fixture.given(seatedCycle())
                .when(new WithdrawApplication(CPJ, app(7), person(7)))
                .expectNoEvents()
                .expectException(violation("sortition.already-member", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void refuses_a_withdrawal_while_the_pool_is_frozen_before_the_draw() {
        List<Object> given = openWithTenApplications();
        given.add(closed(CALL, tenPool()));
        clock.set(CLOSED_AT.plusSeconds(60));
        fixture.given(given)
                .when(new WithdrawApplication(CPJ, app(1), person(1)))
                .expectNoEvents()
                .expectException(violation("sortition.pool-frozen", RuleViolation.Kind.REFUSED));
    }

    @Test
    void after_the_draw_only_an_alternate_gives_up_a_place() {
        clock.set(DRAWN_AT.plusSeconds(60));
        List<Object> given = seatedCycle();
        CallDrawn drawn = given.stream().filter(CallDrawn.class::isInstance).map(CallDrawn.class::cast).findFirst().orElseThrow();
        java.util.Set<ApplicationId> placed = new java.util.HashSet<>();
        drawn.selected().values().forEach(placed::addAll);
        drawn.alternates().values().forEach(placed::addAll);
        int neither = java.util.stream.IntStream.rangeClosed(1, 10).filter(i -> !placed.contains(app(i))).findFirst().orElseThrow();
        fixture.given(given)
                .when(new WithdrawApplication(CPJ, app(neither), person(neither)))
                .expectNoEvents()
                .expectException(violation("sortition.not-an-alternate", RuleViolation.Kind.REFUSED));
    }

    @Test
    void refuses_an_application_under_an_id_already_used() {
        fixture.given(defined(false), opened(CALL), applied(CALL, 1, "F"))
                .when(new ApplyToCall(CPJ, CALL, app(1), person(2), "F", BORN_2000, P11))
                .expectNoEvents()
                .expectException(violation("sortition.application-exists", RuleViolation.Kind.CONFLICT));
    }

    @Test
    void a_drawn_alternate_withdraws_their_place() {
        Instant at = DRAWN_AT.plusSeconds(86_400);
        clock.set(at);
        fixture.given(seatedCycle())
                .when(new WithdrawApplication(CPJ, app(8), person(8)))
                .expectEvents(withdrawn(CALL, 8, at));
        List<Object> afterWithdrawal = new ArrayList<>(seatedCycle());
        afterWithdrawal.add(withdrawn(CALL, 8, at));
        fixture.given(afterWithdrawal)
                .when(new WithdrawApplication(CPJ, app(8), person(8)))
                .expectNoEvents()
                .expectException(violation("sortition.not-found", RuleViolation.Kind.NOT_FOUND));
    }

    @Test
    void a_replacement_passes_over_a_withdrawn_alternate_to_the_next_one() {
        // the call ranks two alternates per group: F is 7 and 3 then two alternates
        List<Object> given = new ArrayList<>(List.of(defined(false), new CallOpened(CPJ, CALL, Map.of("F", 2, "M", 2), 2, ADMIN, T0)));
        given.addAll(tenApplications(CALL));
        given.add(closed(CALL, tenPool()));
        SortitionDraw.Outcome outcome = SortitionDraw.draw(DrawAlgorithm.SHA256_V1, tenPool(), Map.of("F", 2, "M", 2), 2, SOURCES);
        given.add(new CallDrawn(CPJ, CALL, "SHA256-V1", PoolHash.of(tenPool()), SOURCES, outcome.key(), Map.of("F", 2, "M", 2), 2,
                outcome.selected(), outcome.alternates(), ADMIN, DRAWN_AT));
        outcome.selected().forEach((group, apps) -> apps.forEach(a -> given.add(new MemberSeated(CPJ, a, personOf(a), group, CALL,
                DRAWN_AT, TERM, null))));
        ApplicationId member = outcome.selected().get("F").get(1);
        ApplicationId first = outcome.alternates().get("F").get(0);
        ApplicationId second = outcome.alternates().get("F").get(1);
        Instant withdrawnAt = DRAWN_AT.plusSeconds(86_400);
        given.add(new ApplicationWithdrawn(CPJ, CALL, first, personOf(first), withdrawnAt));
        Instant later = DRAWN_AT.plusSeconds(86_400 * 100L);
        clock.set(later);
        fixture.given(given)
                .when(new ResignMember(CPJ, member, personOf(member), false))
                .expectResultMessagePayload(second)
                .expectEvents(new MemberResigned(CPJ, member, personOf(member), "F", personOf(member), later),
                        new MemberSeated(CPJ, second, personOf(second), "F", CALL, later, TERM, member));
    }

    @Test
    void without_another_alternate_a_withdrawn_alternates_seat_stays_vacant() {
        Instant later = DRAWN_AT.plusSeconds(86_400 * 100L);
        clock.set(later);
        List<Object> given = new ArrayList<>(seatedCycle());
        given.add(withdrawn(CALL, 8, DRAWN_AT.plusSeconds(86_400)));
        fixture.given(given)
                .when(new ResignMember(CPJ, app(4), person(4), false))
                .expectEvents(new MemberResigned(CPJ, app(4), person(4), "M", person(4), later),
                        new SeatLeftVacant(CPJ, "M", app(4), later));
    }

    private static ParticipantId personOf(ApplicationId application) {
        return person(Integer.parseInt(application.value().substring(4)));
    }
}
