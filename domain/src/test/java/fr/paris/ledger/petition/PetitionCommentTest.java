package fr.paris.ledger.petition;

import static fr.paris.ledger.testing.RuleViolationMatcher.violation;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PetitionCommentTest {
    private static final Instant OPENS = Instant.parse("2026-02-01T08:00:00Z");
    private static final PetitionId ID = new PetitionId("pet-abcdefghjkmn");
    private static final CommentId COMMENT = new CommentId("com-1");
    private static final ParticipantId CAROL = new ParticipantId("carol");

    private FixtureConfiguration<PetitionComment> fixture;
    private final PetitionTest.MovableClock clock = new PetitionTest.MovableClock(OPENS.plusSeconds(60));
    private final AtomicReference<PetitionFacts> facts = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PetitionComment.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource((PetitionDirectory) id -> Optional.ofNullable(facts.get()));
        facts.set(new PetitionFacts(ID, "author", PetitionStatus.OPEN, SigningWindow.openingAt(OPENS)));
    }

    @Test
    void a_participant_comments_an_open_petition() {
        fixture.givenNoPriorActivity()
                .when(new CommentOnPetition(COMMENT, ID, CAROL, "Yes, please."))
                .expectEvents(new PetitionCommented("com-1", ID, CAROL, "Yes, please.", clock.instant()));
    }

    @Test
    void refuses_a_comment_on_a_petition_awaiting_moderation() {
        facts.set(new PetitionFacts(ID, "author", PetitionStatus.PENDING_MODERATION, null));
        fixture.givenNoPriorActivity()
                .when(new CommentOnPetition(COMMENT, ID, CAROL, "Early"))
                .expectNoEvents()
                .expectException(violation("petition.not-open"));
    }
}
