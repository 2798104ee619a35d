package fr.paris.ledger.petition;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * When a petition may be signed: from publication for 365 days, or until it stopped earlier (the
 * author withdrew it, or the CPDP decided on it). The end is exclusive.
 */
public record SigningWindow(Instant opensAt, Instant closesAt, Instant endedEarlyAt) {
    public static final Duration LENGTH = Duration.ofDays(365);

    public SigningWindow {
        Objects.requireNonNull(opensAt);
        Objects.requireNonNull(closesAt);
    }

    public static SigningWindow openingAt(Instant opensAt) {
        return new SigningWindow(opensAt, opensAt.plus(LENGTH), null);
    }

    public SigningWindow endedAt(Instant at) {
        return at.isBefore(end()) ? new SigningWindow(opensAt, closesAt, at) : this;
    }

    /** The moment signing stops. */
    public Instant end() {
        return endedEarlyAt != null && endedEarlyAt.isBefore(closesAt) ? endedEarlyAt : closesAt;
    }

    public boolean contains(Instant t) {
        return !t.isBefore(opensAt) && t.isBefore(end());
    }
}
