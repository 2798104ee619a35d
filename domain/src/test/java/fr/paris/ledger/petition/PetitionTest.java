package fr.paris.ledger.petition;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PetitionTest {
    private static final Instant FILED = Instant.parse("2026-01-10T09:00:00Z");
    private static final Instant PUBLISHED = Instant.parse("2026-01-12T10:00:00Z");
    private static final PetitionId ID = new PetitionId("pet-0123456789ab");
    private static final ParticipantId AUTHOR = new ParticipantId("r-a5n8t3q6w9z2m4x7k3b6v9c2hd");
    private static final ParticipantId AGENT = new ParticipantId("s-g4t7k2m9q3x6w8z5v2b7n4c9hd");
    private static final ParticipantId CPDP = new ParticipantId("s-c2p9d4m7q3x8w5z6k2v7b4n9hj");
    private static final PostalCode P11 = new PostalCode("75011");

    private FixtureConfiguration<Petition> fixture;
    private final MovableClock clock = new MovableClock(PUBLISHED);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Petition.class);
        fixture.registerInjectableResource(clock);
    }

    private static PetitionFiled filed() {
        return new PetitionFiled(ID, AUTHOR, "More trees", "Plant trees on the boulevard.", "environment", 11, FILED);
    }

    private static PetitionPublished published() {
        return new PetitionPublished(ID, AGENT, PUBLISHED, PUBLISHED.plus(Duration.ofDays(365)));
    }

    @Test
    void a_parisian_files_a_petition_that_awaits_moderation_without_their_postal_code_recorded() {
        clock.set(FILED);
        fixture.givenNoPriorActivity()
                .when(new FilePetition(ID, AUTHOR, P11, "More trees", "Plant trees on the boulevard.", "environment", 11))
                .expectEvents(filed());
    }

    @Test
    void refuses_a_petition_by_someone_outside_paris() {
        fixture.givenNoPriorActivity()
                .when(new FilePetition(ID, AUTHOR, new PostalCode("93100"), "t", "x", null, null))
                .expectNoEvents()
                .expectException(violation("petition.not-resident"));
    }

    @Test
    void publishing_opens_a_window_of_365_days() {
        fixture.given(filed())
                .when(new ModeratePetition(ID, AGENT, Moderation.PUBLISH, null))
                .expectEvents(new PetitionPublished(ID, AGENT, PUBLISHED, Instant.parse("2027-01-12T10:00:00Z")));
    }

    @Test
    void a_rejection_records_its_reason() {
        fixture.given(filed())
                .when(new ModeratePetition(ID, AGENT, Moderation.REJECT, "outside the city's competence"))
                .expectEvents(new PetitionRejected(ID, AGENT, "outside the city's competence", PUBLISHED));
    }

    @Test
    void a_rejection_needs_a_reason() {
        fixture.given(filed())
                .when(new ModeratePetition(ID, AGENT, Moderation.REJECT, " "))
                .expectNoEvents()
                .expectException(violation("petition.reason-required"));
    }

    @Test
    void a_petition_is_moderated_once() {
        fixture.given(filed(), published())
                .when(new ModeratePetition(ID, AGENT, Moderation.REJECT, "duplicate"))
                .expectNoEvents()
                .expectException(violation("petition.already-moderated"));
    }

    @Test
    void the_author_withdraws_an_open_petition() {
        clock.set(PUBLISHED.plus(Duration.ofDays(3)));
        fixture.given(filed(), published())
                .when(new WithdrawPetition(ID, AUTHOR, "solved"))
                .expectEvents(new PetitionWithdrawn(ID, AUTHOR, "solved", PUBLISHED.plus(Duration.ofDays(3))));
    }

    @Test
    void the_author_withdraws_a_petition_awaiting_moderation() {
        fixture.given(filed())
                .when(new WithdrawPetition(ID, AUTHOR, null))
                .expectEvents(new PetitionWithdrawn(ID, AUTHOR, null, PUBLISHED));
    }

    @Test
    void only_the_author_withdraws() {
        fixture.given(filed(), published())
                .when(new WithdrawPetition(ID, new ParticipantId("r-s3m9q2x7w4k8z5v6b2n7t4c9hd"), null))
                .expectNoEvents()
                .expectException(violation("petition.not-author"));
    }

    @Test
    void a_closed_petition_cannot_be_withdrawn() {
        clock.set(PUBLISHED.plus(Duration.ofDays(365)));
        fixture.given(filed(), published())
                .when(new WithdrawPetition(ID, AUTHOR, null))
                .expectNoEvents()
                .expectException(violation("petition.not-open"));
    }

    @Test
    void closing_is_recorded_at_the_end_of_the_window_not_before() {
        clock.set(PUBLISHED.plus(Duration.ofDays(365)).minusMillis(1));
        fixture.given(filed(), published())
                .when(new ClosePetition(ID))
                .expectNoEvents()
                .expectException(violation("petition.not-due"));
    }

    @Test
    void closing_records_the_end_of_the_window() {
        clock.set(PUBLISHED.plus(Duration.ofDays(366)));
        fixture.given(filed(), published())
                .when(new ClosePetition(ID))
                .expectEvents(new PetitionClosed(ID, PUBLISHED.plus(Duration.ofDays(365))));
    }

    @Test
    void the_cpdp_places_an_eligible_petition_on_the_agenda() {
        Instant reached = PUBLISHED.plus(Duration.ofDays(40));
        clock.set(PUBLISHED.plus(Duration.ofDays(50)));
        LocalDate session = LocalDate.of(2026, 4, 7);
        fixture.given(filed(), published())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.PLACE_ON_AGENDA, session, null, 5_000, reached, clock.instant()))
                .expectEvents(new PetitionPlacedOnCouncilAgenda(ID, CPDP, session, 5_000, reached, clock.instant()))
                .expectResultMessagePayload(PetitionStatus.ON_COUNCIL_AGENDA);
    }

    @Test
    void the_cpdp_cannot_place_a_petition_below_the_threshold() {
        clock.set(PUBLISHED.plus(Duration.ofDays(400)));
        fixture.given(filed(), published())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.PLACE_ON_AGENDA, LocalDate.of(2027, 3, 1), null, 4_999, null, clock.instant()))
                .expectNoEvents()
                .expectException(violation("petition.not-eligible"));
    }

    @Test
    void a_placement_names_its_council_session() {
        fixture.given(filed(), published())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.PLACE_ON_AGENDA, null, null, 6_000, PUBLISHED, clock.instant()))
                .expectNoEvents()
                .expectException(violation("petition.session-required"));
    }

    @Test
    void the_cpdp_declines_a_closed_petition_with_a_reason() {
        clock.set(PUBLISHED.plus(Duration.ofDays(400)));
        fixture.given(filed(), published())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.DECLINE, null, "already on the agenda", 120, null, clock.instant()))
                .expectEvents(new PetitionDeclined(ID, CPDP, "already on the agenda", 120, clock.instant()));
    }

    @Test
    void an_open_petition_below_the_threshold_is_not_before_the_cpdp() {
        fixture.given(filed(), published())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.DECLINE, null, "no", 10, null, clock.instant()))
                .expectNoEvents()
                .expectException(violation("petition.not-eligible"));
    }

    @Test
    void the_cpdp_decides_once() {
        clock.set(PUBLISHED.plus(Duration.ofDays(400)));
        fixture.given(filed(), published(),
                        new PetitionDeclined(ID, CPDP, "no", 10, PUBLISHED.plus(Duration.ofDays(399))))
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.DECLINE, null, "again", 10, null, clock.instant()))
                .expectNoEvents()
                .expectException(violation("petition.already-decided"));
    }

    @Test
    void the_decision_is_recorded_as_of_its_count() {
        clock.set(PUBLISHED.plus(Duration.ofDays(400)));
        Instant counted = clock.instant().minusSeconds(2);
        fixture.given(filed(), published())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.DECLINE, null, "too late", 120, null, counted))
                .expectEvents(new PetitionDeclined(ID, CPDP, "too late", 120, counted));
    }

    @Test
    void a_decision_on_a_stale_or_future_count_is_refused() {
        clock.set(PUBLISHED.plus(Duration.ofDays(400)));
        fixture.given(filed(), published())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.DECLINE, null, "old count", 120, null,
                        clock.instant().minus(PetitionRules.DECISION_COUNT_MAX_AGE).minusMillis(1)))
                .expectNoEvents()
                .expectException(violation("petition.count-stale"));
        fixture.given(filed(), published())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.DECLINE, null, "future count", 120, null,
                        clock.instant().plusMillis(1)))
                .expectNoEvents()
                .expectException(violation("petition.count-stale"));
    }

    @Test
    void a_petition_not_published_is_not_decided_on() {
        fixture.given(filed())
                .when(new DecideOnPetition(ID, CPDP, CpdpDecision.PLACE_ON_AGENDA, LocalDate.of(2026, 5, 1), null, 9_000, PUBLISHED, clock.instant()))
                .expectNoEvents()
                .expectException(violation("petition.not-open"));
    }

    /** A clock the tests move. */
    static final class MovableClock extends fr.paris.ledger.testing.MovableClock {
        MovableClock(Instant now) {
            super(now);
        }
    }
}
