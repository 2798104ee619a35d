package fr.paris.ledger.infra.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Whether a failure means "the database cannot be reached right now" (stopped, restarting, out of
 * connections, a statement timed out) rather than a fault of the request or of the code: such a
 * failure is answered {@code 503 unavailable} with {@code Retry-After}, never {@code 500}. Nothing
 * was recorded by a request that gets it, unless its command committed just before the database
 * went away; a retry with the same {@code Idempotency-Key} settles which.
 */
public final class DatabaseUnavailable {
    public static final String CODE = "server.unavailable";
    /** Seconds a client should wait before retrying. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private static final long LOG_EVERY_NANOS = 1_000_000_000L;
    private static final AtomicLong lastLogged = new AtomicLong(System.nanoTime() - 2 * LOG_EVERY_NANOS);
    private static final AtomicLong unlogged = new AtomicLong();

    private DatabaseUnavailable() {
    }

    /**
     * True when {@code failure}, one of its causes, one of their suppressed exceptions, or the
     * original failure of a failed rollback, says that the database is unreachable or timed out.
     */
    public static boolean isCause(Throwable failure) {
        return search(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean search(Throwable t, java.util.Set<Throwable> seen) {
        if (t == null || seen.size() > 64 || !seen.add(t)) {
            return false;
        }
        if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                || t instanceof SQLRecoverableException || t instanceof ConnectException
                || t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                || t instanceof QueryTimeoutException) {
            return true;
        }
        if (t instanceof SQLException sql && (unavailableState(sql.getSQLState())
                // HikariCP's answer on a connection it has already evicted as broken
                || sql.getSQLState() == null && "Connection is closed".equals(sql.getMessage()))) {
            return true;
        }
        if (t instanceof TransactionSystemException tx && search(tx.getApplicationException(), seen)) {
            return true;
        }
        for (Throwable suppressed : t.getSuppressed()) {
            if (search(suppressed, seen)) {
                return true;
            }
        }
        return search(t.getCause(), seen);
    }

    /**
     * SQLSTATE classes of an unreachable server: 08 (connection exception), 57P01-57P03 (the server
     * shuts down, crashed or is starting), 57014 (statement cancelled: our statement timeout), 53300
     * (too many connections).
     */
    static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("57014") || state.equals("53300"));
    }

    /**
     * Logs that a request got a 503, one WARN line per second at most (an outage under load would
     * otherwise write one per request), with the root cause and how many 503s the skipped lines hid.
     */
    public static void logAnswered(Logger log, String request, Throwable failure) {
        long now = System.nanoTime();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_NANOS && lastLogged.compareAndSet(last, now)) {
            long hidden = unlogged.getAndSet(0);
            log.warn("Database unavailable: answered 503 to {} ({}){}", request, rootCause(failure),
                    hidden == 0 ? "" : "; " + hidden + " more 503s since the previous line");
        } else {
            unlogged.incrementAndGet();
        }
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    public static ProblemDetail problem() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, CODE, "Service unavailable",
                "The ledger's database cannot be reached at the moment. Retry in a few seconds, with the same "
                        + "Idempotency-Key: an act is recorded at most once.");
    }
}
