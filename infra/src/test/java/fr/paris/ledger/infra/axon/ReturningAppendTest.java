package fr.paris.ledger.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import fr.paris.ledger.infra.testing.TestDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Axon's insert of events with {@code RETURNING global_index} on PostgreSQL: each event of a batch
 * gets the global index the table gave it, on the thread that appended it, until that thread
 * forgets it (before its next command).
 */
class ReturningAppendTest {
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private JdbcEventStorageEngine engine;

    @BeforeEach
    void start() throws IOException {
        dataSource = TestDatabases.freshDataSource(2);
        jdbc = new JdbcTemplate(dataSource);
        try (var schema = getClass().getResourceAsStream("/db/migration/V1__axon_event_store.sql")) {
            jdbc.execute(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
        engine = JdbcEventStorageEngine.builder()
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(NoTransactionManager.INSTANCE)
                .snapshotSerializer(JacksonSerializer.defaultSerializer())
                .eventSerializer(JacksonSerializer.defaultSerializer())
                .schema(new EventStoreSchemaConfiguration().eventSchema())
                .appendEvents(new ReturningAppend())
                .build();
        ReturningAppend.forget();
    }

    @AfterEach
    void stop() {
        ReturningAppend.forget();
        dataSource.close();
    }

    private static List<DomainEventMessage<?>> events(String aggregate, int count) {
        return IntStream.range(0, count)
                .<DomainEventMessage<?>>mapToObj(i -> new GenericDomainEventMessage<>("test", aggregate, i, "event " + i))
                .toList();
    }

    private long stored(String eventId) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?", Long.class, eventId);
    }

    @Test
    void each_event_of_a_batch_has_the_global_index_its_insert_returned() {
        engine.appendEvents(events("first", 2));
        ReturningAppend.forget();
        List<DomainEventMessage<?>> batch = events("second", 3);

        engine.appendEvents(batch);

        for (DomainEventMessage<?> event : batch) {
            assertThat(ReturningAppend.appended(event.getIdentifier())).as(event.getPayload().toString())
                    .isEqualTo(stored(event.getIdentifier()));
        }
        assertThat(batch.stream().map(e -> ReturningAppend.appended(e.getIdentifier())).toList())
                .as("after the first batch's two").containsExactly(3L, 4L, 5L);
    }

    @Test
    void what_a_thread_appended_is_its_own_and_is_forgotten_before_its_next_command() throws Exception {
        List<DomainEventMessage<?>> mine = events("mine", 1);
        engine.appendEvents(mine);
        String id = mine.get(0).getIdentifier();
        Long[] seenElsewhere = new Long[1];
        Thread other = new Thread(() -> seenElsewhere[0] = ReturningAppend.appended(id));
        other.start();
        other.join();

        assertThat(ReturningAppend.appended(id)).isEqualTo(stored(id));
        assertThat(seenElsewhere[0]).as("another thread's appends are not this one's").isNull();
        ReturningAppend.forget();
        assertThat(ReturningAppend.appended(id)).isNull();
    }
}
