package fr.paris.ledger.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.RuleViolation;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes appending to one aggregate collide on PostgreSQL's unique key: the failure must be
 * recognised as a conflict and retried by the gateway; a rule's refusal or a database failure must not.
 */
class ConflictRetryTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final IntervalRetryScheduler retries = IntervalRetryScheduler.builder().retryExecutor(executor)
            .retryInterval(20).maxRetryCount(5).nonTransientFailurePredicate(AxonConfiguration::isFinal).build();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private static SQLException uniqueViolation() {
        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 INSERT INTO domain_event_entry ...", "23505", 0, new int[0]);
        batch.setNextException(new SQLException("duplicate key value violates unique constraint", "23505"));
        return batch;
    }

    private boolean retried(RuntimeException failure) {
        List<Class<? extends Throwable>[]> history = new ArrayList<>();
        return retries.scheduleRetry(GenericCommandMessage.asCommandMessage("command"), failure, history, () -> { });
    }

    @Test
    void a_conflict_caused_by_the_drivers_exception_is_retried() {
        assertThat(retried(new AggregateStreamCreationException("Cannot reuse aggregate identifier", uniqueViolation()))).isTrue();
        assertThat(retried(new ConcurrencyException("sequence taken", uniqueViolation()))).isTrue();
    }

    @Test
    void a_refusal_or_a_database_failure_is_final() {
        assertThat(retried(RuleViolation.conflict("card.already-held", "held"))).isFalse();
        assertThat(retried(new EventStoreException("down", new SQLException("I/O error", "08006")))).isFalse();
    }

    @Test
    void the_unique_violation_is_found_in_a_batch_insert() {
        var resolver = new PostgresDuplicateKeyResolver();
        assertThat(resolver.isDuplicateKeyViolation(new RuntimeException(uniqueViolation()))).isTrue();
        BatchUpdateException other = new BatchUpdateException("Batch entry 0", null, 0, new int[0]);
        other.setNextException(new SQLException("value too long", "22001"));
        assertThat(resolver.isDuplicateKeyViolation(other)).isFalse();
    }
}
