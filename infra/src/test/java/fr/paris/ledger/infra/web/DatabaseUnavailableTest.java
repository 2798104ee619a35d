package fr.paris.ledger.infra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;
import org.junit.jupiter.api.Test;

/** Which failures are "the database is unreachable" (503 unavailable) and which are not (500). */
class DatabaseUnavailableTest {

    @Test
    void unreachable_database_failures_are_recognised_through_their_causes() {
        assertThat(DatabaseUnavailable.isCause(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms")))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException(new SQLException("terminating connection", "57P01")))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("canceling statement due to statement timeout",
                "57014")))).isTrue();
        // a connection HikariCP already evicted as broken
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("Connection is closed")))).isTrue();
        // a rollback that failed after the commit lost its connection: the commit's failure decides
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(DatabaseUnavailable.isCause(rollback)).isTrue();
        TransactionSystemException rollback2 = new TransactionSystemException("JDBC rollback failed", new SQLException("x", "XX000"));
        rollback2.initApplicationException(new SQLException("An I/O error occurred while sending to the backend", "08006"));
        assertThat(DatabaseUnavailable.isCause(rollback2)).isTrue();
    }

    @Test
    void other_failures_are_not() {
        assertThat(DatabaseUnavailable.isCause(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(DatabaseUnavailable.isCause(new RuntimeException(new SQLException("syntax error", "42601")))).isFalse();
    }
}
