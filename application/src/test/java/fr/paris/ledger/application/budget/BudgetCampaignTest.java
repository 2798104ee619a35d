package fr.paris.ledger.application.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.PaperBatches;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.infra.axon.LedgerObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** A whole campaign over HTTP on PostgreSQL, from proposals to realization, with every refusal on the way. */
@LedgerIntegrationTest
class BudgetCampaignTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.withRoles("budget-admin", "ADMIN");
    private static final String AGENT = Tokens.withRoles("budget-agent", "AGENT");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BudgetAudit audit;
    @Autowired
    EventStoreBudgetDirectory directory;
    @Autowired
    fr.paris.ledger.application.support.TestClock clock;

    Api api;
    EventLog events;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventLog(jdbc);
    }

    private static String resident(String sub) {
        return Tokens.citizen(sub, "1985-04-01", "75011");
    }

    private static String campaignBody(int year, long eleventh) {
        StringBuilder arr = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            arr.append(i == 1 ? "" : ",").append('"').append(i).append("\":").append(i == 11 ? eleventh : 100_000);
        }
        return "{\"year\":" + year + ",\"parisWideEnvelopeCents\":1000000,\"arrondissementEnvelopesCents\":{" + arr
                + "},\"maxParisWideChoices\":2,\"maxArrondissementChoices\":2}";
    }

    private String submit(int year, String token, String scope, long cost) {
        Api.Response r = api.post("/api/v1/budget/campaigns/" + year + "/projects", token,
                "{\"title\":\"Project " + scope + " " + cost + "\",\"description\":\"d\",\"scope\":\"" + scope
                        + "\",\"estimatedCostCents\":" + cost + ",\"category\":\"green\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(1)); // submission order is a tie-break: keep it distinct
        return r.json().path("projectId").asText();
    }

    private Api.Response phase(int year, String phase) {
        return api.post("/api/v1/budget/campaigns/" + year + "/phase", ADMIN, "{\"phase\":\"" + phase + "\"}");
    }

    private Api.Response study(String project, String body) {
        return api.post("/api/v1/budget/projects/" + project + "/feasibility", AGENT, body);
    }

    private Api.Response vote(int year, String token, String body) {
        return api.send("PUT", "/api/v1/budget/campaigns/" + year + "/ballots/me", token, body, "application/json", Map.of());
    }

    private static String ballot(List<String> paris, String arrondissement, List<String> local) {
        return "{\"parisWide\":" + list(paris) + ",\"arrondissement\":" + (arrondissement == null ? "null" : "\"" + arrondissement + "\"")
                + ",\"arrondissementProjects\":" + list(local) + "}";
    }

    private static String list(List<String> ids) {
        return ids.stream().map(i -> "\"" + i + "\"").reduce((a, b) -> a + "," + b).map(s -> "[" + s + "]").orElse("[]");
    }

    @Test
    void a_whole_campaign_from_proposals_to_realization() throws Exception {
        int year = 2026;
        Api.Response created = api.post("/api/v1/budget/campaigns", ADMIN, campaignBody(year, 150_000));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.json().path("phase").asText()).isEqualTo("PROPOSALS");
        assertThat(created.json().get("year")).as("the year stays a JSON number").isEqualTo(IntNode.valueOf(year));
        assertThat(api.post("/api/v1/budget/campaigns", ADMIN, campaignBody(year, 150_000)).code()).isEqualTo("budget.campaign-exists");
        assertThat(api.post("/api/v1/budget/campaigns", resident("budget-x"), campaignBody(2030, 1)).status()).isEqualTo(403);

        // PROPOSALS: any resident, of any age (a 9-year-old proposes)
        String child = Tokens.citizen("budget-child", java.time.LocalDate.now().minusYears(9).toString(), "75011");
        String a = submit(year, child, "PARIS", 650_000);
        String b = submit(year, resident("budget-r1"), "PARIS", 500_000);
        String c = submit(year, resident("budget-r2"), "PARIS", 300_000);
        String d = submit(year, resident("budget-r3"), "PARIS", 200_000);
        String g = submit(year, resident("budget-r4"), "PARIS", 50_000);
        String e = submit(year, resident("budget-r5"), "11", 90_000);
        String f = submit(year, resident("budget-r6"), "11", 80_000);
        Api.Response outsider = api.post("/api/v1/budget/campaigns/" + year + "/projects",
                Tokens.citizen("budget-out", "1980-01-01", "92100"),
                "{\"title\":\"Outside\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":100}");
        assertThat(outsider.code()).isEqualTo("budget.not-resident");
        Api.Response badProject = api.post("/api/v1/budget/campaigns/" + year + "/projects", resident("budget-r1"),
                "{\"title\":\"x\",\"scope\":\"21\",\"estimatedCostCents\":0}");
        assertThat(badProject.status()).isEqualTo(400);
        assertThat(badProject.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("title", "description", "scope", "estimatedCostCents");

        // FEASIBILITY
        assertThat(phase(year, "VOTING").code()).as("no skipping").isEqualTo("budget.wrong-phase");
        assertThat(phase(year, "FEASIBILITY").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/budget/campaigns/" + year + "/projects", resident("budget-late"),
                "{\"title\":\"Late one\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":100}").code())
                .isEqualTo("budget.wrong-phase");
        assertThat(study(a, "{\"verdict\":\"FEASIBLE\",\"costCents\":600000}").status()).isEqualTo(200);
        assertThat(study(b, "{\"verdict\":\"FEASIBLE\",\"costCents\":500000}").status()).isEqualTo(200);
        assertThat(study(c, "{\"verdict\":\"FEASIBLE\",\"costCents\":300000}").status()).isEqualTo(200);
        assertThat(study(d, "{\"verdict\":\"NOT_FEASIBLE\",\"reason\":\"not on city land\"}").status()).isEqualTo(200);
        assertThat(study(g, "{\"verdict\":\"MERGED\",\"mergedInto\":\"" + e + "\"}").code()).as("another scope").isEqualTo("budget.invalid-merge");
        assertThat(study(g, "{\"verdict\":\"MERGED\",\"mergedInto\":\"" + a + "\"}").status()).isEqualTo(200);
        assertThat(study(e, "{\"verdict\":\"FEASIBLE\",\"costCents\":100000}").status()).isEqualTo(200);
        assertThat(study(f, "{\"verdict\":\"FEASIBLE\",\"costCents\":80000}").status()).isEqualTo(200);
        assertThat(study(f, "{\"verdict\":\"FEASIBLE\"}").code()).isEqualTo("request.invalid");
        assertThat(api.post("/api/v1/budget/projects/" + a + "/feasibility", resident("budget-r1"),
                "{\"verdict\":\"FEASIBLE\",\"costCents\":1}").status()).isEqualTo(403);

        // VOTING
        assertThat(phase(year, "VOTING").status()).isEqualTo(200);
        JsonNode options = await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/budget/campaigns/" + year + "/ballot-options", null).json(),
                o -> o.path("parisWide").size() == 3 && o.path("arrondissements").path("11").size() == 2);
        assertThat(options.path("parisWide").findValuesAsText("projectId")).containsExactly(a, b, c);
        assertThat(api.get("/api/v1/budget/campaigns/" + year + "/results", null).code()).isEqualTo("budget.wrong-phase");

        long before = events.count();
        assertThat(vote(year, resident("budget-v9"), ballot(List.of(a, b, c), null, List.of())).code()).isEqualTo("budget.too-many-choices");
        assertThat(vote(year, resident("budget-v9"), ballot(List.of(d), null, List.of())).code()).isEqualTo("budget.not-on-ballot");
        assertThat(vote(year, resident("budget-v9"), ballot(List.of(), "12", List.of(e))).code()).isEqualTo("budget.not-on-ballot");
        assertThat(vote(year, Tokens.citizen("budget-v9", "1980-01-01", "94200"), ballot(List.of(a), null, List.of())).code())
                .isEqualTo("budget.not-resident");
        assertThat(vote(year, AGENT, ballot(List.of(a), null, List.of())).status()).isEqualTo(403);
        assertThat(events.count()).as("refusals write nothing").isEqualTo(before);

        assertThat(vote(year, resident("v1"), ballot(List.of(a, b), "11", List.of(e))).status()).isEqualTo(200);
        assertThat(vote(year, resident("v2"), ballot(List.of(a, c), "11", List.of(e, f))).status()).isEqualTo(200);
        assertThat(vote(year, resident("v3"), ballot(List.of(b, c), null, List.of())).status()).isEqualTo(200);
        Api.Response replaced = vote(year, resident("v3"), ballot(List.of(a), null, List.of()));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("receipt").path("eventId").asText()).isNotBlank();
        assertThat(vote(year, resident("v4"), ballot(List.of(b), null, List.of())).status()).isEqualTo(200);

        // v5 replaces their ballot 20 times at once: one ballot counts
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> rush = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                rush.add(pool.submit(() -> {
                    start.await();
                    return vote(year, resident("v5"), ballot(List.of(a), null, List.of())).status();
                }));
            }
            start.countDown();
            for (Future<Integer> r : rush) {
                assertThat(r.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }

        // paper ballots, in a batch countersigned by a second agent
        PaperBatches paper = new PaperBatches(api, year);
        String secondAgent = Tokens.withRoles("budget-agent-2", "AGENT");
        assertThat(paper.open(AGENT, "b1", "urn-11-a", 2).status()).isEqualTo(201);
        assertThat(paper.enter(AGENT, "b1", PaperBatches.paper("P-1", "paper-only", c)).status()).isEqualTo(201);
        assertThat(paper.enter(AGENT, "b1", PaperBatches.paper("P-1", "paper-only", c)).code()).isEqualTo("budget.duplicate-paper-ballot");
        assertThat(paper.enter(AGENT, "b1", PaperBatches.paper("P-2", "v1", b)).status()).isEqualTo(201);
        assertThat(paper.enter(resident("budget-v9"), "b1", PaperBatches.paper("P-3", "v9", b)).status()).isEqualTo(403);
        assertThat(phase(year, "RESULTS").code()).as("a batch is open").isEqualTo("budget.batches-open");
        assertThat(paper.confirm(secondAgent, "b1").json().path("count").asInt()).isEqualTo(2);

        // RESULTS
        Api.Response results = phase(year, "RESULTS");
        assertThat(results.status()).as(results.toString()).isEqualTo(200);
        assertThat(vote(year, resident("v6"), ballot(List.of(a), null, List.of())).code()).isEqualTo("budget.wrong-phase");
        JsonNode r = await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/budget/campaigns/" + year + "/results", null), x -> x.status() == 200).json();

        assertThat(r.get("year")).isEqualTo(IntNode.valueOf(year));
        assertThat(r.path("ballots").asLong()).isEqualTo(6);
        assertThat(r.path("paperBallotsSetAside").asLong()).isEqualTo(1);
        assertThat(r.path("ballotsByChannel").path("ONLINE").asLong()).isEqualTo(5);
        assertThat(r.path("ballotsByChannel").path("PAPER").asLong()).isEqualTo(1);
        JsonNode paris = r.path("scopes").path("PARIS");
        // A: v1, v2, v3 (replaced ballot), v5 = 4; B: v1, v4 = 2; C: v2, paper-only = 2: a tie, C is cheaper
        assertThat(paris.path("projects").findValuesAsText("projectId")).containsExactly(a, c, b);
        assertThat(paris.path("projects").findValues("votes")).extracting(JsonNode::asLong).containsExactly(4L, 2L, 2L);
        assertThat(paris.path("projects").findValues("rank")).extracting(JsonNode::asInt).containsExactly(1, 2, 3);
        // 1,000,000: A 600,000 wins, C 300,000 wins, B 500,000 does not fit: skipped
        assertThat(paris.path("projects").findValues("winner")).extracting(JsonNode::asBoolean).containsExactly(true, true, false);
        assertThat(paris.path("usedCents").asLong()).isEqualTo(900_000);
        JsonNode eleventh = r.path("scopes").path("11");
        assertThat(eleventh.path("envelopeCents").asLong()).isEqualTo(150_000);
        assertThat(eleventh.path("projects").findValuesAsText("projectId")).containsExactly(e, f);
        assertThat(eleventh.path("projects").findValues("winner")).extracting(JsonNode::asBoolean).containsExactly(true, false);
        assertThat(r.path("scopes").size()).isEqualTo(21);

        // the recorded results equal a simple recount of the raw events, and a second tally, byte for byte
        assertThat(simpleVotes(year)).isEqualTo(Map.of(a, 4L, b, 2L, c, 2L, e, 2L, f, 1L));
        ObjectMapper ledger = LedgerObjectMapper.create();
        byte[] recorded = jdbc.queryForObject("""
                SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%.CampaignResultsPublished'""",
                byte[].class, "budget-campaign:" + year);
        var stored = ledger.readValue(recorded, fr.paris.ledger.budget.CampaignResultsPublished.class);
        BudgetResults again = audit.tally(directory.campaign(new CampaignYear(year)).orElseThrow());
        assertThat(again).isEqualTo(stored.results());
        assertThat(ledger.writeValueAsBytes(new fr.paris.ledger.budget.CampaignResultsPublished(new fr.paris.ledger.budget.CampaignYear(year), again, stored.publishedAt())))
                .as("the same events give the same results, byte for byte").isEqualTo(recorded);

        // REALIZATION
        assertThat(api.post("/api/v1/budget/projects/" + a + "/realization", AGENT, "{\"status\":\"WORKS\"}").code())
                .isEqualTo("budget.wrong-phase");
        assertThat(phase(year, "REALIZATION").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/budget/projects/" + a + "/realization", AGENT,
                "{\"status\":\"WORKS\",\"note\":\"site opened\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/budget/projects/" + b + "/realization", AGENT, "{\"status\":\"WORKS\"}").code())
                .isEqualTo("budget.not-a-winner");
        assertThat(api.post("/api/v1/budget/projects/" + a + "/realization", resident("budget-r1"), "{\"status\":\"WORKS\"}").status())
                .isEqualTo(403);
        JsonNode page = await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/budget/projects/" + a, null).json(), p -> p.path("realization").size() == 1);
        assertThat(page.path("votes").asLong()).isEqualTo(4);
        assertThat(page.path("rank").asInt()).isEqualTo(1);
        assertThat(page.path("winner").asBoolean()).isTrue();
        assertThat(page.path("verdict").asText()).isEqualTo("FEASIBLE");
        assertThat(page.path("realization").get(0).path("status").asText()).isEqualTo("WORKS");
        assertThat(api.get("/api/v1/budget/projects/" + g, null).json().path("mergedInto").asText()).isEqualTo(a);
        assertThat(phase(year, "REALIZATION").code()).isEqualTo("budget.wrong-phase");
        assertThat(api.get("/api/v1/budget/projects/bp2026-zzzzzzzzzz", null).code()).isEqualTo("budget.project-not-found");
        assertThat(api.get("/api/v1/budget/campaigns/1900/results", null).code()).isEqualTo("budget.campaign-not-found");
        assertThat(api.get("/api/v1/budget/campaigns/1999/ballots/me", resident("v1")).code()).isEqualTo("budget.no-ballot");

        // a rebuilt read model shows the same outcome (votes are read from the recorded results)
        assertThat(api.post("/api/v1/admin/projections/budget/replay", ADMIN, "{}").status()).isEqualTo(202);
        JsonNode rebuilt = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/api/v1/budget/projects/" + a, null),
                x -> x.status() == 200 && x.json().path("realization").size() == 1).json();
        assertThat(rebuilt.path("votes").asLong()).isEqualTo(4);
        assertThat(rebuilt.path("winner").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/budget/projects/" + b, null).json().path("winner").asBoolean()).isFalse();
    }

    @Test
    void a_campaign_needs_its_twenty_envelopes_and_positive_amounts() {
        Api.Response r = api.post("/api/v1/budget/campaigns", ADMIN,
                "{\"year\":2031,\"parisWideEnvelopeCents\":-1,\"arrondissementEnvelopesCents\":{\"1\":5}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("field")).contains("parisWideEnvelopeCents",
                "arrondissementEnvelopesCents.2", "arrondissementEnvelopesCents.20");
        assertThat(api.get("/api/v1/budget/campaigns/2031", null).code()).isEqualTo("budget.campaign-not-found");
        assertThat(api.post("/api/v1/budget/campaigns/2031/phase", ADMIN, "{\"phase\":\"FEASIBILITY\"}").code())
                .isEqualTo("budget.campaign-not-found");
    }

    /**
     * Votes per project by the simplest reading of the raw events: each voter's last online ballot, else
     * their first paper one (every batch of this campaign is confirmed, nothing voided).
     */
    private Map<String, Long> simpleVotes(int year) throws Exception {
        Map<String, JsonNode> counted = new HashMap<>();
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT payload::text AS p FROM event_log WHERE aggregate_identifier LIKE ? AND payload_type LIKE '%.PaperBallotEntered'
                ORDER BY global_index""", "budget-paper-batch:" + year + ":%")) {
            JsonNode p = JSON.readTree((String) row.get("p"));
            counted.putIfAbsent(p.path("voter").asText(), p);
        }
        for (Map<String, Object> row : jdbc.queryForList("""
                SELECT payload::text AS p FROM event_log WHERE aggregate_identifier LIKE ? ORDER BY global_index""",
                "budget-ballot:" + year + ":%")) {
            JsonNode p = JSON.readTree((String) row.get("p"));
            counted.put(p.path("voter").asText(), p);
        }
        Map<String, Long> votes = new HashMap<>();
        for (JsonNode ballot : counted.values()) {
            ballot.path("parisWide").forEach(id -> votes.merge(id.asText(), 1L, Long::sum));
            ballot.path("arrondissementProjects").forEach(id -> votes.merge(id.asText(), 1L, Long::sum));
        }
        return votes;
    }
}
