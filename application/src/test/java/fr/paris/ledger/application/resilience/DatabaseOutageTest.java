package fr.paris.ledger.application.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Database outage: the service's PostgreSQL (a server of this test's own, never the shared one) is
 * stopped for a while under a mixed keyed load and started again. During the outage every answer
 * is 503 problem+json {@code unavailable} with Retry-After, or a success; none is another 5xx and
 * none takes longer than the timeouts allow. Afterwards the service recovers by itself: no
 * acknowledged act is lost or doubled, the projections and the audit sealer resume (health UP,
 * read models equal the recount, the export verifies).
 *
 * <p>Short version: a 12 s outage. Long version ({@code -Dledger.resilience.long=true}): three
 * outages of 30 s, 10 s and 20 s.
 */
class DatabaseOutageTest {
    /** The longest an answer may take: the connection timeout (3 s) a few times over, with margin. */
    static final long MAX_ANSWER_MILLIS = 15_000;

    @Test
    void the_service_answers_503_while_the_database_is_down_and_recovers_by_itself() {
        boolean longRun = Resilience.longRun();
        List<Integer> outages = longRun ? List.of(30, 10, 20) : List.of(12);
        Path work = Resilience.workDir("outage");
        try (DedicatedPostgres postgres = DedicatedPostgres.start(work.resolve("pgdata"))) {
            postgres.createDatabase("ledger");
            String jdbcUrl = postgres.jdbcUrl("ledger");
            Map<String, String> settings = Map.of();
            try (ServiceProcess node = ServiceProcess.start("node", work, jdbcUrl, "postgres", null, settings)) {
                MixedLoad load = new MixedLoad(Long.toString(System.currentTimeMillis(), 36),
                        () -> node.alive() ? List.of(node.url()) : List.of(), Duration.ofSeconds(120));
                LedgerChecks checks = new LedgerChecks(load, jdbcUrl, "postgres", null, work.resolve("data"));
                Probe probe = new Probe(load, node.url());
                try {
                    load.setUp(node.url());
                    load.start(longRun ? 6 : 4);
                    Thread prober = new Thread(probe, "probe");
                    prober.setDaemon(true);
                    prober.start();
                    StringBuilder recoveries = new StringBuilder();
                    for (int seconds : outages) {
                        ServiceProcess.sleep(2_000);
                        long unavailableBefore = load.unavailable.get() + probe.unavailable.get();
                        postgres.stop();
                        ServiceProcess.sleep(seconds * 1_000L);
                        assertThat(load.unavailable.get() + probe.unavailable.get())
                                .as("503s during the outage").isGreaterThan(unavailableBefore);
                        long ackedBefore = load.acked();
                        postgres.start();
                        long restarted = System.nanoTime();
                        awaitTrue(Duration.ofSeconds(60), () -> load.acked() > ackedBefore + 5, "acts acknowledged again");
                        long actsBack = (System.nanoTime() - restarted) / 1_000_000;
                        awaitTrue(Duration.ofSeconds(120), () -> healthUp(checks, node.url()), "health UP again");
                        long healthBack = (System.nanoTime() - restarted) / 1_000_000;
                        recoveries.append(String.format("outage %d s: acts acknowledged again %.1f s and health UP "
                                + "(processors, sealer, db) %.1f s after the database returned; ", seconds,
                                actsBack / 1000.0, healthBack / 1000.0));
                        load.pause();
                        checks.all(node.url(), work, 20);
                        load.resume();
                    }
                    probe.stop = true;
                    load.stop();
                    checks.all(node.url(), work, 30);
                    assertThat(probe.violations).as("probe violations").isEmpty();
                    assertThat(load.serverErrors.get()).as("5xx other than 503").isZero();
                    assertThat(load.slowestAnswerMillis.get()).as("slowest answer (ms)").isLessThan(MAX_ANSWER_MILLIS);
                    Resilience.figures("Database outage", recoveries + load.summary() + "; probe: " + probe.summary()
                            + "; " + checks.actsChecked + " acts checked in the events, " + checks.replaysChecked
                            + " replays checked; " + checks.events() + " events; 0 lost, 0 doubled");
                    node.close();
                    postgres.stopAndDeleteData();
                } finally {
                    probe.stop = true;
                    load.stop();
                }
            }
        }
    }

    private static boolean healthUp(LedgerChecks checks, String url) {
        JsonNode health = checks.admin(url, "/actuator/health");
        return "UP".equals(health.path("status").asText())
                && "UP".equals(health.path("components").path("eventProcessors").path("status").asText())
                && "UP".equals(health.path("components").path("sealer").path("status").asText());
    }

    static void awaitTrue(Duration timeout, java.util.function.BooleanSupplier condition, String what) {
        long until = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            ServiceProcess.sleep(200);
        }
    }

    /** Reads (public statistics, a petition, health) in a loop: never a 500, never slower than the limit. */
    static final class Probe implements Runnable {
        private final MixedLoad load;
        private final String url;
        volatile boolean stop;
        final Queue<String> violations = new ConcurrentLinkedQueue<>();
        final AtomicLong requests = new AtomicLong();
        final AtomicLong unavailable = new AtomicLong();
        final AtomicLong slowest = new AtomicLong();

        Probe(MixedLoad load, String url) {
            this.load = load;
            this.url = url;
        }

        @Override
        public void run() {
            List<String> paths = List.of("/api/v1/stats/citizen-cards", "/api/v1/petitions/" + load.petitionId,
                    "/api/v1/budget/campaigns/" + MixedLoad.YEAR, "/api/v1/audit/checkpoint", "/actuator/health");
            int i = 0;
            while (!stop) {
                String path = paths.get(i++ % paths.size());
                long t0 = System.nanoTime();
                HttpResponse<String> r;
                try {
                    r = load.send(url, "GET", path, null, null, null);
                } catch (RuntimeException e) {
                    violations.add("no answer to GET " + path + ": " + e);
                    continue;
                }
                long millis = (System.nanoTime() - t0) / 1_000_000;
                slowest.accumulateAndGet(millis, Math::max);
                requests.incrementAndGet();
                if (millis > MAX_ANSWER_MILLIS) {
                    violations.add("GET " + path + " took " + millis + " ms");
                }
                int s = r.statusCode();
                if (s == 503) {
                    unavailable.incrementAndGet();
                    boolean health = path.startsWith("/actuator");
                    if (!health && !"server.unavailable".equals(MixedLoad.tree(r.body()).path("code").asText())) {
                        violations.add("503 without code unavailable on GET " + path + ": " + r.body());
                    }
                } else if (s >= 500) {
                    violations.add(s + " on GET " + path + ": " + r.body());
                }
                ServiceProcess.sleep(100);
            }
        }

        String summary() {
            return requests + " reads, " + unavailable + " x 503, slowest " + slowest + " ms";
        }
    }
}
