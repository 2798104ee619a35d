package fr.paris.ledger.budget;

import fr.paris.ledger.shared.ParticipantId;
import java.util.Objects;

/** One voter's online ballot in one campaign: its own aggregate; a new ballot replaces the previous one. */
public record BallotId(CampaignYear year, ParticipantId voter) {
    public BallotId {
        Objects.requireNonNull(year);
        Objects.requireNonNull(voter);
    }

    public static String prefixOf(CampaignYear year) {
        return "budget-ballot:" + year.value() + ":";
    }

    @Override
    public String toString() {
        return prefixOf(year) + voter.value();
    }
}
