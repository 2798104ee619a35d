package fr.paris.ledger.application.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Crash: the service, a separate JVM, is killed with SIGKILL at random moments of a mixed load of
 * card requests, signatures and ballots sent with Idempotency-Keys by several clients, and
 * started again. After each restart: every acknowledged act is in the events exactly once, its
 * retry with the same key returns the original answer, every act left without an answer ends up
 * recorded exactly once when retried with its key, with its original answer or run once, never
 * refused because of its own first attempt, and without a 60-second wait (ADR 004); the read models
 * equal a recount from the events, and the audit export verifies.
 *
 * <p>Short version (in {@code ./mvnw verify}): 2 kills. Long version: 12 kills, more clients,
 * {@code -Dledger.resilience.long=true} (see docs/reliability.md).
 */
class CrashTest {

    @Test
    void killed_nodes_lose_and_double_no_act() {
        boolean longRun = Resilience.longRun();
        int kills = longRun ? 12 : 2;
        int clients = longRun ? 8 : 4;
        Path work = Resilience.workDir("crash");
        // a server of the test's own: nodes of this test never take connections from the shared one
        DedicatedPostgres postgres = DedicatedPostgres.start(work.resolve("pgdata"));
        postgres.createDatabase("ledger");
        String jdbcUrl = postgres.jdbcUrl("ledger");
        Map<String, String> settings = Map.of(
                "ledger.projections.token-claim-interval", "PT1S",
                "axon.eventhandling.tokenstore.claim-timeout", "4s");
        Random random = new Random();
        ServiceProcess[] node = {null};
        MixedLoad load = new MixedLoad(Long.toString(System.currentTimeMillis(), 36),
                () -> node[0] != null && node[0].alive() ? List.of(node[0].url()) : List.of(), Duration.ofSeconds(90));
        LedgerChecks checks = new LedgerChecks(load, jdbcUrl, "postgres", null, work.resolve("data"));
        try {
            node[0] = ServiceProcess.start("node", work, jdbcUrl, "postgres", null, settings);
            load.setUp(node[0].url());
            load.start(clients);
            for (int k = 1; k <= kills; k++) {
                ServiceProcess.sleep(1_000 + random.nextInt(longRun ? 4_000 : 2_500));
                node[0].kill();
                ServiceProcess.sleep(random.nextInt(500));
                node[0] = ServiceProcess.start("node", work, jdbcUrl, "postgres", null, settings);
                ServiceProcess.sleep(1_000); // the load resumes on the new node, retries first
                load.pause();
                checks.all(node[0].url(), work, longRun ? 50 : 20);
                load.resume();
            }
            load.stop();
            checks.all(node[0].url(), work, longRun ? 100 : 20);
            assertThat(load.serverErrors.get()).as("5xx other than 503").isZero();
            // ADR 004: an act whose answer was lost gets, on retry with its key, its original answer (or
            // runs once if it never committed): never a refusal caused by its own first attempt...
            assertThat(load.settledByRefusal()).as("retries refused because of their own first attempt").isZero();
            // ...and without waiting for a claim to go stale (it was 60 s): a restart's time at most
            assertThat(load.slowestRecoveryMillis.get()).as("longest from a lost answer to the final answer, ms")
                    .isLessThan(30_000);
            Resilience.figures("Crash", kills + " SIGKILLs survived; " + load.summary() + "; " + checks.actsChecked
                    + " acts checked in the events after the last restart, " + checks.replaysChecked + " replays checked; "
                    + checks.events() + " events; 0 lost, 0 doubled");
            node[0].close();
            postgres.stopAndDeleteData();
        } finally {
            load.stop();
            if (node[0] != null) {
                node[0].close();
            }
            postgres.close();
        }
    }
}
