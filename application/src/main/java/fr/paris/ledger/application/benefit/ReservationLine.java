package fr.paris.ledger.application.benefit;

import fr.paris.ledger.application.api.ApiErrors;
import fr.paris.ledger.benefit.CardEventId;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The line in which this node's requests for one event wait their turn, first come first served,
 * before they reach the event's aggregate.
 *
 * <p>Why: Axon takes an aggregate's lock inside the command's transaction, so that every request
 * waiting for a busy event would hold a database connection while it waits: 200 holders asking for
 * the last seats at once would empty the pool (20 connections) and starve every other request of the
 * node. Waiting here holds no connection; at most one command per event (per stripe) and per node is
 * in a transaction at a time, which is all the aggregate allows anyway. Events share 256 fair locks by
 * the hash of their id; a request that waits longer than {@code ledger.benefits.line-patience} gets
 * {@code 503 server.busy} with {@code Retry-After}.
 */
@Component
public class ReservationLine {
    private static final int STRIPES = 256;

    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final Duration patience;

    public ReservationLine(@Value("${ledger.benefits.line-patience:PT10S}") Duration patience) {
        this.patience = patience;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock(true);
        }
    }

    /** Runs {@code act} once this node's earlier requests for the same event are done. */
    public <T> T inLine(CardEventId event, Supplier<T> act) {
        ReentrantLock lock = stripes[Math.floorMod(event.value().hashCode(), STRIPES)];
        try {
            if (!lock.tryLock(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ApiErrors.Busy("Too many requests for this event at once: try again in a moment.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiErrors.Busy("Interrupted while waiting for this event.");
        }
        try {
            return act.get();
        } finally {
            lock.unlock();
        }
    }
}
