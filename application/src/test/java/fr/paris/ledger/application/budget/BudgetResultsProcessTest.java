package fr.paris.ledger.application.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.Campaigns;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignId;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.infra.events.EventScanner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The results follow the close of the vote ({@link BudgetResultsProcess}): the request that enters
 * RESULTS answers at once, the results are pending for the grace period and the tally, then recorded
 * once, however often the close is delivered to the process, and the process is never offered for
 * replay.
 */
@LedgerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = "ledger.budget.results-grace=" + BudgetResultsProcessTest.GRACE)
class BudgetResultsProcessTest {
    static final String GRACE = "PT4S";
    private static final String ADMIN = Tokens.withRoles("results-admin", "ADMIN");
    private static final String AGENT = Tokens.withRoles("results-agent", "AGENT");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BudgetResultsProcess process;
    @Autowired
    EventScanner scanner;
    @Autowired
    EventStoreBudgetDirectory directory;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private Api.Response phase(int year, String phase) {
        return api.post("/api/v1/budget/campaigns/" + year + "/phase", ADMIN, "{\"phase\":\"" + phase + "\"}");
    }

    private Api.Response results(int year) {
        return api.get("/api/v1/budget/campaigns/" + year + "/results", null);
    }

    /** A campaign in VOTING with one project and {@code voters} ballots for it. */
    private void voted(int year, int voters) {
        String project = Campaigns.oneProjectInVoting(api, year, Tokens.citizen("results-proposer", "1980-01-01", "75011"),
                ADMIN, AGENT);
        for (int i = 0; i < voters; i++) {
            Api.Response r = api.send("PUT", "/api/v1/budget/campaigns/" + year + "/ballots/me",
                    Tokens.citizen("results-voter-" + i, "1980-01-01", "75011"),
                    "{\"parisWide\":[\"" + project + "\"],\"arrondissementProjects\":[]}", "application/json", java.util.Map.of());
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
        }
    }

    private JsonNode awaitResults(int year) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> results(year), r -> r.status() == 200).json();
    }

    private long recordedResults(int year) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%.CampaignResultsPublished'", Long.class, new CampaignId(new CampaignYear(year)).toString());
    }

    /** The campaign's close of voting as the log holds it: what the process is delivered. */
    private CampaignPhaseChanged close(int year) {
        List<CampaignPhaseChanged> closes = new ArrayList<>();
        scanner.aggregate(new CampaignId(new CampaignYear(year)).toString()).forEach(e -> {
            if (e.payload() instanceof CampaignPhaseChanged c && c.to() == Phase.RESULTS) {
                closes.add(c);
            }
        });
        assertThat(closes).hasSize(1);
        return closes.get(0);
    }

    @Test
    void entering_results_answers_at_once_and_the_results_follow_the_grace_and_the_tally() {
        int year = 2040;
        voted(year, 3);
        assertThat(results(year).code()).as("before RESULTS").isEqualTo("budget.wrong-phase");

        long started = System.nanoTime();
        Api.Response closed = phase(year, "RESULTS");
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().path("phase").asText()).isEqualTo("RESULTS");
        assertThat(closed.json().path("receipt").path("eventId").asText()).isNotBlank();
        assertThat(answeredIn).as("no wait in the request").isLessThan(Duration.parse(GRACE));

        // during the grace: pending; the close again is the current phase; REALIZATION waits for the results
        Api.Response pending = results(year);
        assertThat(pending.status()).as(pending.toString()).isEqualTo(409);
        assertThat(pending.code()).isEqualTo("budget.results-pending");
        assertThat(phase(year, "RESULTS").code()).isEqualTo("budget.wrong-phase");
        assertThat(phase(year, "REALIZATION").code()).isEqualTo("budget.results-pending");
        assertThat(recordedResults(year)).isZero();

        JsonNode recorded = awaitResults(year);
        assertThat(recorded.path("ballots").asLong()).isEqualTo(3);
        assertThat(recordedResults(year)).isEqualTo(1);
        assertThat(phase(year, "RESULTS").code()).as("after the results too").isEqualTo("budget.wrong-phase");
        assertThat(phase(year, "REALIZATION").status()).isEqualTo(200);
    }

    @Test
    void the_close_delivered_again_records_nothing_more() {
        int year = 2041;
        voted(year, 2);
        assertThat(phase(year, "RESULTS").status()).isEqualTo(200);
        awaitResults(year);
        CampaignPhaseChanged close = close(year);

        process.on(close);
        process.on(close);

        assertThat(recordedResults(year)).isEqualTo(1);
        assertThat(results(year).json().path("ballots").asLong()).isEqualTo(2);
    }

    @Test
    void two_tallies_at_once_record_the_results_once() throws Exception {
        int year = 2042;
        voted(year, 2);
        assertThat(phase(year, "RESULTS").status()).isEqualTo(200);

        // while the processor waits the grace, two tallies at once (as on two nodes): both count, one records,
        // the other's publication is refused and logged, never thrown
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> tallies = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                tallies.add(pool.submit(() -> {
                    go.await();
                    process.record(new CampaignYear(year));
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> t : tallies) {
                t.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(recordedResults(year)).isEqualTo(1);

        // then the processor's own delivery, after its grace, finds them recorded
        assertThat(awaitResults(year).path("ballots").asLong()).isEqualTo(2);
        Thread.sleep(Duration.parse(GRACE).toMillis());
        assertThat(recordedResults(year)).isEqualTo(1);
    }

    @Test
    void a_tally_whose_results_another_recorded_meanwhile_is_one_line_in_the_log(CapturedOutput log) {
        int year = 2043;
        voted(year, 1);
        assertThat(phase(year, "RESULTS").status()).isEqualTo(200);
        awaitResults(year);
        CampaignFacts now = directory.campaign(new CampaignYear(year)).orElseThrow();
        CampaignFacts readBeforeThem = new CampaignFacts(now.year(), now.phase(), now.rules(), now.votingClosedAt(), false, Set.of(),
                now.paperBatches());

        process.tallyAndPublish(readBeforeThem);

        assertThat(recordedResults(year)).isEqualTo(1);
        assertThat(log.getOut()).contains("Tallied the " + year + " campaign, whose results another tally recorded meanwhile");
    }

    @Test
    void a_process_is_watched_but_never_offered_for_replay() {
        Api.Response listed = api.get("/api/v1/admin/projections", ADMIN);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("name")).contains("budget", "card-benefits")
                .doesNotContain(BudgetResultsProcess.NAME, "card-benefit-cancelled-cards");
        for (String process : List.of(BudgetResultsProcess.NAME, "card-benefit-cancelled-cards")) {
            Api.Response replay = api.post("/api/v1/admin/projections/" + process + "/replay", ADMIN, "{}");
            assertThat(replay.status()).as(replay.toString()).isEqualTo(404);
            assertThat(replay.code()).isEqualTo("projection.not-found");
        }
        JsonNode health = api.get("/actuator/health", ADMIN).json();
        assertThat(health.path("components").path("eventProcessors").path("details").has(BudgetResultsProcess.NAME))
                .as("the process's health is watched: " + health).isTrue();
    }
}
