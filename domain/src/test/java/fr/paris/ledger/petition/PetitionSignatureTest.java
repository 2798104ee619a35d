package fr.paris.ledger.petition;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PetitionSignatureTest {
    private static final Instant OPENS = Instant.parse("2026-02-01T08:00:00Z");
    private static final PetitionId ID = new PetitionId("pet-abcdefghjkmn");
    private static final ParticipantId BOB = new ParticipantId("r-bq4x7m2k9w3z8v5c6n7t2hjd4p");
    private static final SignatureId SIG = new SignatureId(ID, BOB);
    private static final PostalCode P20 = new PostalCode("75020");

    private FixtureConfiguration<PetitionSignature> fixture;
    private final PetitionTest.MovableClock clock = new PetitionTest.MovableClock(OPENS.plus(Duration.ofDays(10)));
    private final Map<PetitionId, PetitionFacts> petitions = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PetitionSignature.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource((PetitionDirectory) id -> Optional.ofNullable(petitions.get(id)));
        petitions.put(ID, new PetitionFacts(ID, "r-a5n8t3q6w9z2m4x7k3b6v9c2hd", PetitionStatus.OPEN, SigningWindow.openingAt(OPENS)));
    }

    private PetitionSigned signed() {
        return new PetitionSigned(ID, BOB, 20, clock.instant());
    }

    @Test
    void a_parisian_signs_an_open_petition() {
        fixture.givenNoPriorActivity()
                .when(new SignPetition(SIG, P20))
                .expectEvents(new PetitionSigned(ID, BOB, 20, clock.instant()));
    }

    @Test
    void refuses_a_second_signature_by_the_same_participant() {
        fixture.given(signed())
                .when(new SignPetition(SIG, P20))
                .expectNoEvents()
                .expectException(violation("petition.already-signed"));
    }

    @Test
    void refuses_a_signer_living_outside_paris() {
        fixture.givenNoPriorActivity()
                .when(new SignPetition(SIG, new PostalCode("94200")))
                .expectNoEvents()
                .expectException(violation("petition.not-resident"));
    }

    @Test
    void refuses_a_signer_whose_token_has_no_postal_code() {
        fixture.givenNoPriorActivity()
                .when(new SignPetition(SIG, null))
                .expectNoEvents()
                .expectException(violation("petition.not-resident"));
    }

    @Test
    void refuses_a_signature_before_publication() {
        petitions.put(ID, new PetitionFacts(ID, "r-a5n8t3q6w9z2m4x7k3b6v9c2hd", PetitionStatus.PENDING_MODERATION, null));
        fixture.givenNoPriorActivity()
                .when(new SignPetition(SIG, P20))
                .expectNoEvents()
                .expectException(violation("petition.not-open"));
    }

    @Test
    void accepts_a_signature_in_the_last_millisecond_of_the_window() {
        clock.set(OPENS.plus(Duration.ofDays(365)).minusMillis(1));
        fixture.givenNoPriorActivity()
                .when(new SignPetition(SIG, P20))
                .expectEvents(new PetitionSigned(ID, BOB, 20, clock.instant()));
    }

    @Test
    void refuses_a_signature_once_the_window_has_ended_even_if_the_closing_is_not_recorded_yet() {
        clock.set(OPENS.plus(Duration.ofDays(365)));
        fixture.givenNoPriorActivity()
                .when(new SignPetition(SIG, P20))
                .expectNoEvents()
                .expectException(violation("petition.not-open"));
    }

    @Test
    void refuses_a_signature_of_a_withdrawn_petition() {
        petitions.put(ID, new PetitionFacts(ID, "r-a5n8t3q6w9z2m4x7k3b6v9c2hd", PetitionStatus.WITHDRAWN,
                SigningWindow.openingAt(OPENS).endedAt(OPENS.plus(Duration.ofDays(2)))));
        fixture.givenNoPriorActivity()
                .when(new SignPetition(SIG, P20))
                .expectNoEvents()
                .expectException(violation("petition.not-open"));
    }

    @Test
    void refuses_a_signature_of_an_unknown_petition() {
        petitions.clear();
        fixture.givenNoPriorActivity()
                .when(new SignPetition(SIG, P20))
                .expectNoEvents()
                .expectException(violation("petition.not-found"));
    }

    @Test
    void a_signer_withdraws_while_the_petition_is_open() {
        fixture.given(signed())
                .when(new WithdrawSignature(SIG))
                .expectEvents(new PetitionSignatureWithdrawn(ID, BOB, clock.instant()));
    }

    @Test
    void refuses_to_withdraw_a_signature_that_is_not_there() {
        fixture.given(signed(), new PetitionSignatureWithdrawn(ID, BOB, clock.instant()))
                .when(new WithdrawSignature(SIG))
                .expectNoEvents()
                .expectException(violation("petition.not-signed"));
    }

    @Test
    void refuses_to_withdraw_once_the_petition_is_closed() {
        clock.set(OPENS.plus(Duration.ofDays(400)));
        fixture.given(signed())
                .when(new WithdrawSignature(SIG))
                .expectNoEvents()
                .expectException(violation("petition.not-open"));
    }

    @Test
    void signs_again_after_withdrawing() {
        fixture.given(signed(), new PetitionSignatureWithdrawn(ID, BOB, clock.instant()))
                .when(new SignPetition(SIG, P20))
                .expectEvents(new PetitionSigned(ID, BOB, 20, clock.instant()));
    }
}
