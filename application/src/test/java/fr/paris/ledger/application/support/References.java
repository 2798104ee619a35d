package fr.paris.ledger.application.support;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.shared.ParticipantId;

/**
 * What the service under test records for a person (docs/privacy.md), derived the way it derives
 * it: a citizen's reference in a scope ({@code r-...}, from their subject key; never creates a key)
 * and a staff member's reference ({@code s-...}). Tests compare the log with these, never with a
 * {@code sub}.
 */
public final class References {
    private final Participants participants;

    public References(Participants participants) {
        this.participants = participants;
    }

    /** The reference of {@code sub} in {@code scope}; fails if they have acted nowhere yet (no subject key). */
    public String of(String sub, ReferenceScope scope) {
        String ref = participants.existingReference(sub, scope).map(ParticipantId::value)
                .orElseThrow(() -> new AssertionError("no subject key for " + sub));
        assertThat(ref).startsWith("r-").doesNotContain(sub);
        return ref;
    }

    /** The staff reference of {@code sub}. */
    public String staff(String sub) {
        String ref = participants.staff(sub).value();
        assertThat(ref).startsWith("s-").doesNotContain(sub);
        return ref;
    }
}
