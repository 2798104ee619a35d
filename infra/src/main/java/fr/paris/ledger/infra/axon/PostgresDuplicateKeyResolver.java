package fr.paris.ledger.infra.axon;

import java.sql.SQLException;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;

/**
 * Tells Axon's JDBC event store that an append failed on the unique key
 * {@code (aggregate_identifier, sequence_number)}: PostgreSQL's SQLSTATE {@code 23505}, looked for
 * through the causes and the "next exceptions" of a batch insert.
 *
 * <p>Axon's default resolver ({@link JdbcSQLErrorCodesResolver}) reads vendor error codes, which
 * the PostgreSQL driver leaves at 0. Without this, two nodes appending to one aggregate at once
 * made the loser fail with a plain {@code EventStoreException} (500) instead of a
 * {@code ConcurrencyException} (or {@code AggregateStreamCreationException} for a new aggregate),
 * which the command gateway retries on fresh state.
 */
public class PostgresDuplicateKeyResolver implements PersistenceExceptionResolver {
    static final String UNIQUE_VIOLATION = "23505";
    private final PersistenceExceptionResolver fallback = new JdbcSQLErrorCodesResolver();

    @Override
    public boolean isDuplicateKeyViolation(Exception exception) {
        return hasUniqueViolation(exception) || fallback.isDuplicateKeyViolation(exception);
    }

    static boolean hasUniqueViolation(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null && depth < 64; e = e.getNextException(), depth++) {
                    if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
