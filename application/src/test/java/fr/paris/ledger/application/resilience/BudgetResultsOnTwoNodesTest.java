package fr.paris.ledger.application.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.budget.BudgetResultsProcess;
import fr.paris.ledger.application.support.Tokens;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A campaign's results on two nodes: the vote is closed through both nodes at once (one close is
 * recorded, the other refused), the node that holds the results process's segment is killed while
 * it waits the grace, and the other node takes the segment over, tallies and records the results:
 * exactly once, the same on both nodes' reads.
 */
class BudgetResultsOnTwoNodesTest {
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);
    static final Duration GRACE = Duration.ofSeconds(5);
    static final int VOTERS = 10;

    @Test
    void the_results_are_recorded_once_when_the_node_counting_them_dies() throws Exception {
        Path work = Resilience.workDir("budget-results");
        DedicatedPostgres postgres = DedicatedPostgres.start(work.resolve("pgdata"));
        postgres.createDatabase("ledger");
        String jdbcUrl = postgres.jdbcUrl("ledger");
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(jdbcUrl, "postgres", ""));
        Map<String, String> settings = Map.of(
                "ledger.budget.results-grace", GRACE.toString(),
                "axon.eventhandling.tokenstore.claim-timeout", CLAIM_TIMEOUT.toSeconds() + "s");
        List<ServiceProcess> nodes = new ArrayList<>();
        MixedLoad load = new MixedLoad(Long.toString(System.currentTimeMillis(), 36),
                () -> nodes.stream().filter(ServiceProcess::alive).map(ServiceProcess::url).toList(), Duration.ofSeconds(30));
        try {
            ServiceProcess a = ServiceProcess.start("node-a", work, jdbcUrl, "postgres", null, settings);
            nodes.add(a);
            ServiceProcess b = ServiceProcess.start("node-b", work, jdbcUrl, "postgres", null, settings);
            nodes.add(b);
            load.setUp(a.url());
            String ballots = "/api/v1/budget/campaigns/" + MixedLoad.YEAR + "/ballots/me";
            for (int i = 0; i < VOTERS; i++) {
                MixedLoad.expect(load.send(nodes.get(i % 2).url(), "PUT", ballots, Tokens.citizen("res-results-" + i,
                        "1985-06-01", "75011"), "{\"parisWide\":[\"" + load.projectId + "\"],\"arrondissementProjects\":[]}",
                        null), 200);
            }

            List<Integer> closes = closeOnBothNodes(load, a, b);
            long closed = System.nanoTime();
            assertThat(closes).as("one close recorded, the other refused as the current phase").containsExactly(200, 422);
            ServiceProcess counting = owner(jdbc, nodes);
            ServiceProcess survivor = counting == a ? b : a;
            counting.kill();
            assertThat(Duration.ofNanos(System.nanoTime() - closed)).as("killed during the grace").isLessThan(GRACE);
            assertThat(resultsEvents(jdbc)).isZero();

            String results = "/api/v1/budget/campaigns/" + MixedLoad.YEAR + "/results";
            DatabaseOutageTest.awaitTrue(GRACE.plus(CLAIM_TIMEOUT).plusSeconds(40),
                    () -> load.send(survivor.url(), "GET", results, null, null, null).statusCode() == 200,
                    "the results recorded by the surviving node");
            double seconds = (System.nanoTime() - closed) / 1e9;
            assertThat(resultsEvents(jdbc)).as("results recorded once").isEqualTo(1);
            assertThat(MixedLoad.tree(load.send(survivor.url(), "GET", results, null, null, null).body()).path("ballots").asLong())
                    .isEqualTo(VOTERS);
            assertThat(survivor.logTail(400)).contains("Tallied the " + MixedLoad.YEAR + " campaign");
            assertThat(jdbc.queryForObject("SELECT owner FROM token_entry WHERE processor_name = ?", String.class,
                    BudgetResultsProcess.NAME)).startsWith(survivor.pid() + "@");
            Resilience.figures("Budget results on two nodes", String.format("the vote closed through both nodes at once "
                    + "(one close recorded), the node counting killed during the %d s grace, the results recorded once by "
                    + "the other node %.1f s after the close (claim timeout %d s)", GRACE.toSeconds(), seconds,
                    CLAIM_TIMEOUT.toSeconds()));
            nodes.forEach(ServiceProcess::close);
            postgres.stopAndDeleteData();
        } finally {
            nodes.forEach(ServiceProcess::close);
            postgres.close();
        }
    }

    /** Both nodes are asked to enter RESULTS at the same moment; their statuses, sorted. */
    private static List<Integer> closeOnBothNodes(MixedLoad load, ServiceProcess a, ServiceProcess b) throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (ServiceProcess node : List.of(a, b)) {
                answers.add(two.submit(() -> {
                    go.await();
                    return load.send(node.url(), "POST", "/api/v1/budget/campaigns/" + MixedLoad.YEAR + "/phase",
                            MixedLoad.ADMIN, "{\"phase\":\"RESULTS\"}", null);
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : answers) {
                HttpResponse<String> r = answer.get();
                if (r.statusCode() != 200) {
                    assertThat(MixedLoad.tree(r.body()).path("code").asText()).as(r.body()).isEqualTo("budget.wrong-phase");
                }
                statuses.add(r.statusCode());
            }
            return statuses.stream().sorted().toList();
        } finally {
            two.shutdownNow();
        }
    }

    /** The node holding the results process's only segment, as the token table names it ({@code pid@host}). */
    private static ServiceProcess owner(JdbcTemplate jdbc, List<ServiceProcess> nodes) {
        String owner = jdbc.queryForObject("SELECT owner FROM token_entry WHERE processor_name = ?", String.class,
                BudgetResultsProcess.NAME);
        assertThat(owner).as("the results process's segment is claimed").isNotNull();
        return nodes.stream().filter(n -> owner.startsWith(n.pid() + "@")).findFirst()
                .orElseThrow(() -> new AssertionError("no node is " + owner));
    }

    private static long resultsEvents(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.CampaignResultsPublished'", Long.class, "budget-campaign:" + MixedLoad.YEAR);
    }
}
