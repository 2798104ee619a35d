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
    /** The comment as the service sealed it under a key derived from the author's subject key; the domain never reads it. */
    private static final String SEALED = "v1.nonce-9f2c.c2VhbGVkIGNvbW1lbnQ";
    /** The author's reference in the scope {@code comment:<petition>}. */
    private static final ParticipantId CAROL = new ParticipantId("r-c7m3x9q2w5k8z4v6b3n7t5hjd2");

    private FixtureConfiguration<PetitionComment> fixture;
    private final PetitionTest.MovableClock clock = new PetitionTest.MovableClock(OPENS.plusSeconds(60));
    private final AtomicReference<PetitionFacts> facts = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PetitionComment.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource((PetitionDirectory) id -> Optional.ofNullable(facts.get()));
        facts.set(new PetitionFacts(ID, "r-a5n8t3q6w9z2m4x7k3b6v9c2hd", PetitionStatus.OPEN, SigningWindow.openingAt(OPENS)));
    }

    @Test
    void a_participant_comments_an_open_petition_recording_the_sealed_text_as_given() {
        fixture.givenNoPriorActivity()
                .when(new CommentOnPetition(COMMENT, ID, CAROL, SEALED))
                .expectEvents(new PetitionCommented("com-1", ID, CAROL, SEALED, clock.instant()));
    }

    @Test
    void refuses_a_comment_on_a_petition_awaiting_moderation() {
        facts.set(new PetitionFacts(ID, "r-a5n8t3q6w9z2m4x7k3b6v9c2hd", PetitionStatus.PENDING_MODERATION, null));
        fixture.givenNoPriorActivity()
                .when(new CommentOnPetition(COMMENT, ID, CAROL, SEALED))
                .expectNoEvents()
                .expectException(violation("petition.not-open"));
    }

    private static final ParticipantId AGENT = new ParticipantId("s-h4k8m2q6w9z3x7b5n1t4v8c6jd");

    @Test
    void an_agent_hides_a_comment_with_a_reason() {
        fixture.given(new PetitionCommented("com-1", ID, CAROL, SEALED, OPENS))
                .when(new HideComment(COMMENT, AGENT, "abusive"))
                .expectEvents(new CommentHidden("com-1", ID, AGENT, "abusive", clock.instant()));
    }

    @Test
    void refuses_to_hide_a_comment_twice() {
        fixture.given(new PetitionCommented("com-1", ID, CAROL, SEALED, OPENS),
                        new CommentHidden("com-1", ID, AGENT, "abusive", OPENS.plusSeconds(1)))
                .when(new HideComment(COMMENT, AGENT, "again"))
                .expectNoEvents()
                .expectException(violation("petition.comment-hidden"));
    }
}
