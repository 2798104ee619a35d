package fr.paris.ledger.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import fr.paris.ledger.infra.testing.TestDatabases;
import fr.paris.ledger.shared.RuleViolation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The group commit on PostgreSQL: acts that wait while the writer is busy share one transaction;
 * each is answered only once it is committed; a refused or conflicting act is rolled back to its
 * savepoint without touching its neighbours; a failed commit records none of the group.
 */
class GroupCommitTest {
    private HikariDataSource dataSource;
    private JdbcTemplate jdbc;
    private SimpleMeterRegistry meters;
    private GroupCommit group;

    @BeforeEach
    void start() {
        dataSource = TestDatabases.freshDataSource(4);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE act (name text PRIMARY KEY)");
        // checked at commit: two acts of one group that insert the same value make the group's commit fail
        jdbc.execute("CREATE TABLE deferred (v text, CONSTRAINT deferred_v UNIQUE (v) DEFERRABLE INITIALLY DEFERRED)");
        meters = new SimpleMeterRegistry();
        group = new GroupCommit(new DataSourceTransactionManager(dataSource), new AggregateCaches(List.of()), 16, 1, meters);
    }

    @AfterEach
    void stop() {
        group.close();
        dataSource.close();
    }

    private Supplier<String> insert(String name) {
        return () -> {
            jdbc.update("INSERT INTO act (name) VALUES (?)", name);
            return name;
        };
    }

    private List<String> recorded() {
        return jdbc.queryForList("SELECT name FROM act ORDER BY name", String.class);
    }

    /** Occupies the writer until the returned latch is released, so that the acts sent meanwhile form one group. */
    private CountDownLatch busyWriter(List<CompletableFuture<?>> answers) {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        answers.add(CompletableFuture.supplyAsync(() -> group.run(() -> {
            running.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> release.await(10, TimeUnit.MILLISECONDS));
            return "blocker";
        })));
        await().atMost(Duration.ofSeconds(10)).until(() -> running.getCount() == 0);
        return release;
    }

    private CompletableFuture<Object> send(Supplier<?> act) {
        return CompletableFuture.supplyAsync(() -> group.run(act::get));
    }

    private void whenQueued(int acts) {
        await().atMost(Duration.ofSeconds(10)).until(() -> group.waiting() == acts);
    }

    @Test
    void acts_sent_while_the_writer_is_busy_share_one_commit_and_a_refused_one_leaves_its_neighbours() throws Exception {
        List<CompletableFuture<?>> answers = new ArrayList<>();
        CountDownLatch release = busyWriter(answers);
        List<CompletableFuture<Object>> acts = new ArrayList<>();
        for (String name : List.of("a1", "a2", "a3", "a4", "a5")) {
            acts.add(send(() -> {
                String done = insert(name).get();
                if (name.equals("a3")) {
                    throw RuleViolation.conflict("test.refused", "refused after writing");
                }
                // answered only after the group's commit: until then no other connection sees it
                return done;
            }));
        }
        whenQueued(5);
        assertThat(recorded()).as("nothing is answered or visible while the group waits").isEmpty();
        release.countDown();

        for (int i = 0; i < acts.size(); i++) {
            if (i == 2) {
                assertThatThrownBy(acts.get(i)::join).hasCauseInstanceOf(RuleViolation.class);
            } else {
                String name = (String) acts.get(i).get(10, TimeUnit.SECONDS);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM act WHERE name = ?", Long.class, name))
                        .as("an answered act is committed").isEqualTo(1L);
            }
        }
        assertThat(recorded()).containsExactly("a1", "a2", "a4", "a5");
        var sizes = meters.get("ledger.group_commit.acts").summary();
        assertThat(sizes.count()).as("the blocker's group, then one group for the five").isEqualTo(2);
        assertThat(sizes.max()).isEqualTo(5.0);
    }

    @Test
    void a_conflict_runs_the_act_again_from_its_savepoint() {
        AtomicInteger attempts = new AtomicInteger();
        String answer = group.run(() -> {
            jdbc.update("INSERT INTO act (name) VALUES (?)", "attempt-" + attempts.incrementAndGet());
            if (attempts.get() == 1) {
                throw new ConcurrencyException("sequence number taken by another writer");
            }
            return "done";
        });
        assertThat(answer).isEqualTo("done");
        assertThat(attempts).hasValue(2);
        assertThat(recorded()).as("the first attempt's write rolled back with it").containsExactly("attempt-2");
    }

    @Test
    void an_act_that_loses_a_deadlock_with_another_nodes_group_is_carried_out_in_the_next_group() throws Exception {
        // two nodes' writers, each with a group of two acts of the same two participants in the other order
        jdbc.execute("CREATE TABLE subject (name text PRIMARY KEY)");
        SimpleMeterRegistry otherMeters = new SimpleMeterRegistry();
        GroupCommit other = new GroupCommit(new DataSourceTransactionManager(dataSource), new AggregateCaches(List.of()),
                16, 1, otherMeters);
        try {
            CountDownLatch aFirst = new CountDownLatch(1);
            CountDownLatch bFirst = new CountDownLatch(1);
            List<CompletableFuture<?>> blockers = new ArrayList<>();
            CountDownLatch releaseA = busyWriter(blockers);
            CompletableFuture<Object> a1 = send(firstOf("p6", aFirst, bFirst));
            whenQueued(1);
            CompletableFuture<Object> a2 = send(subject("p3"));
            whenQueued(2);

            CountDownLatch releaseB = new CountDownLatch(1);
            CountDownLatch runningB = new CountDownLatch(1);
            CompletableFuture<Object> blockerB = CompletableFuture.supplyAsync(() -> other.run(() -> {
                runningB.countDown();
                await().atMost(Duration.ofSeconds(30)).until(() -> releaseB.await(10, TimeUnit.MILLISECONDS));
                return "blocker";
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> runningB.getCount() == 0);
            CompletableFuture<Object> b1 = CompletableFuture.supplyAsync(() -> other.run(firstOf("p3", bFirst, aFirst)));
            await().atMost(Duration.ofSeconds(10)).until(() -> other.waiting() == 1);
            CompletableFuture<Object> b2 = CompletableFuture.supplyAsync(() -> other.run(subject("p6")));
            await().atMost(Duration.ofSeconds(10)).until(() -> other.waiting() == 2);

            releaseA.countDown();
            releaseB.countDown();
            // PostgreSQL ends one of the two waits after deadlock_timeout (1 s by default)
            for (CompletableFuture<Object> act : List.of(a1, a2, b1, b2)) {
                assertThat(act.get(30, TimeUnit.SECONDS)).as("each act is answered, none fails").isIn("p3", "p6");
            }
            assertThat(blockerB.get(10, TimeUnit.SECONDS)).isEqualTo("blocker");
            assertThat(jdbc.queryForList("SELECT name FROM subject ORDER BY name", String.class)).containsExactly("p3", "p6");
            double deferredHere = meters.get("ledger.group_commit.deferred").counter().count();
            double deferredThere = otherMeters.get("ledger.group_commit.deferred").counter().count();
            assertThat(deferredHere + deferredThere).as("the deadlock's loser moved to its writer's next group").isEqualTo(1.0);
        } finally {
            other.close();
        }
    }

    /** A participant's first act: creates their row (as a subject key is), then waits until the other group has created its own. */
    private Supplier<String> firstOf(String name, CountDownLatch mine, CountDownLatch theirs) {
        return () -> {
            subject(name).get();
            mine.countDown();
            await().atMost(Duration.ofSeconds(30)).until(() -> theirs.await(10, TimeUnit.MILLISECONDS));
            return name;
        };
    }

    /** Creates a participant's row if it does not exist yet, as {@code INSERT ... ON CONFLICT DO NOTHING} does for a subject key. */
    private Supplier<String> subject(String name) {
        return () -> {
            jdbc.update("INSERT INTO subject (name) VALUES (?) ON CONFLICT DO NOTHING", name);
            return name;
        };
    }

    @Test
    void the_writer_logs_an_act_with_its_requests_logging_context_and_not_the_next_ones() {
        org.slf4j.MDC.put("correlationId", "request-1");
        String seen;
        try {
            seen = group.run(() -> org.slf4j.MDC.get("correlationId"));
        } finally {
            org.slf4j.MDC.remove("correlationId");
        }
        assertThat(seen).isEqualTo("request-1");
        assertThat(group.run(() -> String.valueOf(org.slf4j.MDC.get("correlationId")))).isEqualTo("null");
    }

    @Test
    void a_failed_commit_records_nothing_of_its_group_and_fails_each_act() throws Exception {
        List<CompletableFuture<?>> answers = new ArrayList<>();
        CountDownLatch release = busyWriter(answers);
        CompletableFuture<Object> first = send(() -> {
            insert("b1").get();
            return jdbc.update("INSERT INTO deferred (v) VALUES ('same')");
        });
        CompletableFuture<Object> second = send(() -> {
            insert("b2").get();
            return jdbc.update("INSERT INTO deferred (v) VALUES ('same')");
        });
        CompletableFuture<Object> refused = send(() -> {
            throw RuleViolation.refused("test.refused", "refused");
        });
        whenQueued(3);
        release.countDown();

        assertThatThrownBy(first::join).as("the commit's failure").hasStackTraceContaining("deferred_v");
        assertThatThrownBy(second::join).as("the commit's failure").hasStackTraceContaining("deferred_v");
        assertThatThrownBy(refused::join).as("a refusal keeps its own answer").hasCauseInstanceOf(RuleViolation.class);
        assertThat(recorded()).as("only the blocker's group committed").isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM deferred", Long.class)).isZero();
        assertThat(answers.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("blocker");
    }

    @Test
    void acts_still_queued_when_the_writer_stops_are_refused_not_lost() throws Exception {
        List<CompletableFuture<?>> answers = new ArrayList<>();
        CountDownLatch release = busyWriter(answers);
        CompletableFuture<Object> queued = send(insert("late"));
        whenQueued(1);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(group::close);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                group.run(() -> "after");
                return false;
            } catch (IllegalStateException stopping) {
                return true;
            }
        });
        release.countDown();
        closing.get(30, TimeUnit.SECONDS);
        assertThatThrownBy(queued::join).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(recorded()).isEmpty();
    }
}
