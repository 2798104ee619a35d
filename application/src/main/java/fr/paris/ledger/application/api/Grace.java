package fr.paris.ledger.application.api;

import java.time.Duration;

/** A wait inside a request, so that acts stamped before a moment finish committing before a count as of it. */
public final class Grace {
    private Grace() {
    }

    public static void await(Duration grace) {
        try {
            Thread.sleep(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for acts to commit", e);
        }
    }
}
