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
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.application.support.VerifierCli;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.MajorityJudgmentResults;
import fr.paris.ledger.budget.MajorityJudgmentResultsPublished;
import fr.paris.ledger.infra.axon.LedgerObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A whole campaign voted by majority judgment over HTTP on PostgreSQL: the ballot's shape and every refusal, a
 * replaced ballot, paper ballots in countersigned batches (one of an online voter, a paper voter's second one, an
 * abandoned batch), and the published results' JSON, hand-computed: the Paris-wide scope is the worked example of
 * domain.md (A 0,1,2,3; B 1,1,3,3; C 0,2,2,2: C, then B, then A).
 */
@LedgerIntegrationTest
class MajorityJudgmentCampaignTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADMIN = Tokens.withRoles("mj-admin", "ADMIN");
    private static final String AGENT = Tokens.withRoles("mj-agent", "AGENT");
    private static final String SECOND_AGENT = Tokens.withRoles("mj-agent-2", "AGENT");
    private static final int YEAR = 2027;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    BudgetAudit audit;
    @Autowired
    EventStoreBudgetDirectory directory;
    @Autowired
    TestClock clock;

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

    static String campaignBody(int year, String method) {
        StringBuilder arr = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            arr.append(i == 1 ? "" : ",").append('"').append(i).append("\":100000");
        }
        return "{\"year\":" + year + ",\"parisWideEnvelopeCents\":500000,\"arrondissementEnvelopesCents\":{" + arr + "}"
                + (method == null ? "" : ",\"ballotMethod\":\"" + method + "\"") + "}";
    }

    private String submit(String scope, long cost) {
        Api.Response r = api.post("/api/v1/budget/campaigns/" + YEAR + "/projects", resident("mj-author"),
                "{\"title\":\"Project " + scope + " " + cost + "\",\"description\":\"d\",\"scope\":\"" + scope
                        + "\",\"estimatedCostCents\":" + cost + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(1));
        return r.json().path("projectId").asText();
    }

    private Api.Response phase(String phase) {
        return api.post("/api/v1/budget/campaigns/" + YEAR + "/phase", ADMIN, "{\"phase\":\"" + phase + "\"}");
    }

    private Api.Response vote(String token, String body) {
        return api.send("PUT", "/api/v1/budget/campaigns/" + YEAR + "/ballots/me", token, body, "application/json", Map.of());
    }

    /** A graded ballot's body: the arrondissement named (or none) and project, grade pairs. */
    static String graded(String arrondissement, Object... projectGrade) {
        StringBuilder g = new StringBuilder();
        for (int i = 0; i < projectGrade.length; i += 2) {
            g.append(i == 0 ? "" : ",").append('"').append(projectGrade[i]).append("\":").append(projectGrade[i + 1]);
        }
        return "{" + (arrondissement == null ? "" : "\"arrondissement\":\"" + arrondissement + "\",") + "\"grades\":{" + g + "}}";
    }

    /** A graded paper ballot's body. */
    static String paper(String number, String voterSub, String arrondissement, Object... projectGrade) {
        return "{\"ballotNumber\":\"" + number + "\",\"voterId\":\"" + voterSub + "\"," + graded(arrondissement, projectGrade).substring(1);
    }

    private Api.Response enter(String batchId, String body) {
        return api.post("/api/v1/budget/campaigns/" + YEAR + "/paper-batches/" + batchId + "/ballots", AGENT, body);
    }

    @Test
    void a_whole_campaign_voted_by_majority_judgment() throws Exception {
        assertThat(api.post("/api/v1/budget/campaigns", ADMIN, campaignBody(YEAR, "CONDORCET")).json()
                .path("errors").findValuesAsText("field")).containsExactly("ballotMethod");
        assertThat(api.post("/api/v1/budget/campaigns", ADMIN, campaignBody(YEAR, "MAJORITY_JUDGMENT")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/budget/campaigns", ADMIN, campaignBody(YEAR + 1, null)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/budget/campaigns/" + (YEAR + 1), null).status() == 200);
        assertThat(api.get("/api/v1/budget/campaigns/" + YEAR, null).json().path("ballotMethod").asText()).isEqualTo("MAJORITY_JUDGMENT");
        assertThat(api.get("/api/v1/budget/campaigns/" + (YEAR + 1), null).json().path("ballotMethod").asText()).isEqualTo("APPROVAL");

        String a = submit("PARIS", 300_000);
        String b = submit("PARIS", 200_000);
        String c = submit("PARIS", 100_000);
        String e = submit("11", 90_000);
        String f = submit("11", 80_000);
        String s = submit("7", 50_000);
        assertThat(phase("FEASIBILITY").status()).isEqualTo(200);
        Map<String, Long> costs = Map.of(a, 300_000L, b, 200_000L, c, 100_000L, e, 90_000L, f, 80_000L, s, 50_000L);
        for (Map.Entry<String, Long> p : costs.entrySet()) {
            assertThat(api.post("/api/v1/budget/projects/" + p.getKey() + "/feasibility", AGENT,
                    "{\"verdict\":\"FEASIBLE\",\"costCents\":" + p.getValue() + "}").status()).isEqualTo(200);
        }
        assertThat(phase("VOTING").status()).isEqualTo(200);

        // refusals: none writes anything
        long before = events.count();
        assertThat(vote(resident("mj-x"), graded(null, a, 4)).code()).isEqualTo("budget.grade-invalid");
        assertThat(vote(resident("mj-x"), graded(null, a, -1)).code()).isEqualTo("budget.grade-invalid");
        assertThat(vote(resident("mj-x"), graded(null, a, 4_000_000_000L)).code()).isEqualTo("budget.grade-invalid");
        assertThat(vote(resident("mj-x"), graded(null, a, 2, e, 3)).code()).as("the 11th not named").isEqualTo("budget.not-on-ballot");
        assertThat(vote(resident("mj-x"), graded("12", e, 3)).code()).as("another arrondissement").isEqualTo("budget.not-on-ballot");
        assertThat(vote(resident("mj-x"), graded("11", "bp2027-zzzzzzzzzz", 3)).code()).isEqualTo("budget.not-on-ballot");
        assertThat(vote(resident("mj-x"), graded("11")).code()).isEqualTo("budget.empty-ballot");
        assertThat(vote(resident("mj-x"), "{\"arrondissement\":\"11\"}").code()).isEqualTo("budget.empty-ballot");
        Api.Response choices = vote(resident("mj-x"), "{\"parisWide\":[\"" + a + "\"]}");
        assertThat(choices.code()).isEqualTo("request.invalid");
        assertThat(choices.json().path("errors").findValuesAsText("field")).containsExactly("parisWide");
        assertThat(vote(resident("mj-x"), "{\"grades\":{\"" + a + "\":1.5}}").code()).isEqualTo("request.invalid");
        assertThat(vote(resident("mj-x"), "{\"grades\":{\"" + a + "\":\"2\"}}").code()).isEqualTo("request.invalid");
        assertThat(vote(resident("mj-x"), "{\"grades\":{\"" + a + "\":null}}").code()).isEqualTo("request.invalid");
        assertThat(vote(resident("mj-x"), "{\"grades\":{\"not-a-project\":2}}").code()).isEqualTo("request.invalid");
        assertThat(vote(resident("mj-x"), "{\"grades\":[2]}").code()).isEqualTo("request.invalid");
        assertThat(vote(Tokens.citizen("mj-x", "1980-01-01", "94200"), graded(null, a, 2)).code()).isEqualTo("budget.not-resident");
        assertThat(vote(AGENT, graded(null, a, 2)).status()).isEqualTo(403);
        assertThat(api.send("PUT", "/api/v1/budget/campaigns/" + (YEAR + 1) + "/ballots/me", resident("mj-x"),
                graded(null, a, 2), "application/json", Map.of()).json().path("errors").findValuesAsText("field"))
                .as("grades in an approval campaign").containsExactly("grades");
        assertThat(events.count()).as("refusals write nothing").isEqualTo(before);

        // online ballots: v1 leaves C ungraded (a 0); v2 replaces a first ballot; v3 names no arrondissement
        assertThat(vote(resident("v1"), graded("11", a, 0, b, 1, e, 3, f, 1)).status()).isEqualTo(200);
        assertThat(vote(resident("v2"), graded("11", a, 3, b, 3, c, 3, e, 0)).status()).isEqualTo(200);
        assertThat(vote(resident("v2"), graded("11", a, 1, b, 1, c, 2, e, 2)).status()).isEqualTo(200);
        assertThat(vote(resident("v3"), graded(null, a, 2, b, 3, c, 2)).status()).isEqualTo(200);
        JsonNode mine = api.get("/api/v1/budget/campaigns/" + YEAR + "/ballots/me", resident("v2")).json();
        assertThat(mine.get("year")).isEqualTo(IntNode.valueOf(YEAR));
        assertThat(mine.path("arrondissement").asInt()).isEqualTo(11);
        assertThat(mine.path("grades")).isEqualTo(JSON.readTree("{\"" + a + "\":1,\"" + b + "\":1,\"" + c + "\":2,\"" + e + "\":2}"));
        assertThat(mine.path("parisWide")).isEmpty();

        // paper: p4 on paper only (twice, in two batches: the first counts), v3 on paper too (their online ballot stands)
        PaperBatches batches = new PaperBatches(api, YEAR);
        assertThat(batches.open(AGENT, "b1", "urn-11-a", 3).status()).isEqualTo(201);
        before = events.count();
        assertThat(enter("b1", paper("P-9", "p9", null, a, 9)).code()).isEqualTo("budget.grade-invalid");
        assertThat(enter("b1", paper("P-9", "p9", null, e, 1)).code()).isEqualTo("budget.not-on-ballot");
        assertThat(enter("b1", paper("P-9", "p9", "11")).code()).isEqualTo("budget.empty-ballot");
        assertThat(enter("b1", "{\"ballotNumber\":\"P-9\",\"voterId\":\"p9\",\"parisWide\":[\"" + a + "\"]}").code())
                .isEqualTo("request.invalid");
        assertThat(enter("b1", "{\"ballotNumber\":\"P-9\",\"spoiled\":true,\"grades\":{}}").code()).isEqualTo("request.invalid");
        assertThat(events.count()).as("refused entries write nothing").isEqualTo(before);
        assertThat(enter("b1", paper("P-1", "p4", "11", a, 3, b, 3, c, 2, e, 1)).status()).isEqualTo(201);
        assertThat(enter("b1", paper("P-2", "v3", "11", a, 0, b, 0, c, 0, e, 0)).status()).isEqualTo(201);
        assertThat(batches.spoiled(AGENT, "b1", "S-1").status()).isEqualTo(201);
        assertThat(batches.confirm(SECOND_AGENT, "b1").json().path("count").asInt()).isEqualTo(3);
        assertThat(batches.open(AGENT, "b2", "urn-11-b", 1).status()).isEqualTo(201);
        assertThat(enter("b2", paper("P-3", "p4", null, a, 0)).status()).isEqualTo(201);
        assertThat(batches.confirm(SECOND_AGENT, "b2").status()).isEqualTo(200);
        // an abandoned batch never counts, however it graded
        assertThat(batches.open(AGENT, "b3", "urn-7-a", 1).status()).isEqualTo(201);
        assertThat(enter("b3", paper("P-4", "p6", "7", a, 3, s, 3)).status()).isEqualTo(201);
        assertThat(batches.abandon(AGENT, "b3", "the seal was broken").status()).isEqualTo(200);

        // RESULTS
        assertThat(phase("RESULTS").status()).isEqualTo(200);
        assertThat(vote(resident("v5"), graded(null, a, 3)).code()).isEqualTo("budget.wrong-phase");
        JsonNode r = await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/budget/campaigns/" + YEAR + "/results", null), x -> x.status() == 200).json();
        assertThat(r.path("method").asText()).isEqualTo("MAJORITY_JUDGMENT");
        assertThat(r.path("ballots").asLong()).isEqualTo(4);
        assertThat(r.path("paperBallotsSetAside").asLong()).isEqualTo(2);
        assertThat(r.path("ballotsByChannel")).isEqualTo(JSON.readTree("{\"ONLINE\":3,\"PAPER\":1}"));
        assertThat(r.path("ballotsByArrondissement").path("11").asLong()).isEqualTo(3);
        assertThat(r.path("ballotsByArrondissement").path("none").asLong()).isEqualTo(1);
        assertThat(r.path("scopes").size()).isEqualTo(21);
        // PARIS, four judges: A 0,1,2,3 (v1, v2, v3, p4); B 1,1,3,3; C 0 (v1 left it ungraded),2,2,2
        // C first (majority 2); B (1, p 2/4 > q 0) before A (1, p 2/4 > q 1/4); 500,000: C and B win, A does not fit
        assertThat(r.path("scopes").path("PARIS")).isEqualTo(JSON.readTree("""
                {"envelopeCents":500000,"usedCents":300000,"judges":4,"projects":[
                 {"projectId":"%s","profile":[1,0,3,0],"majorityGrade":2,"p":0.0,"q":0.25,"rank":1,"costCents":100000,"winner":true},
                 {"projectId":"%s","profile":[0,2,0,2],"majorityGrade":1,"p":0.5,"q":0.0,"rank":2,"costCents":200000,"winner":true},
                 {"projectId":"%s","profile":[1,1,1,1],"majorityGrade":1,"p":0.5,"q":0.25,"rank":3,"costCents":300000,"winner":false}]}
                """.formatted(c, b, a)));
        assertThat(r.path("scopes").path("PARIS").path("projects").get(0).fieldNames()).toIterable()
                .containsExactly("projectId", "profile", "majorityGrade", "p", "q", "rank", "costCents", "winner");
        // the 11th, three judges (v1, v2, p4): E 3,2,1 -> 2, p = q = 1/3; F 1,0,0 (ungraded twice) -> 0, p 1/3, q 0
        JsonNode eleventh = r.path("scopes").path("11");
        assertThat(eleventh.path("judges").asLong()).isEqualTo(3);
        assertThat(eleventh.path("projects").findValuesAsText("projectId")).containsExactly(e, f);
        assertThat(eleventh.path("projects").get(0).path("profile")).isEqualTo(JSON.readTree("[0,1,1,1]"));
        assertThat(eleventh.path("projects").get(0).path("p").asDouble()).isEqualTo(1.0 / 3);
        assertThat(eleventh.path("projects").get(1).path("profile")).isEqualTo(JSON.readTree("[2,1,0,0]"));
        assertThat(eleventh.path("projects").findValues("winner")).extracting(JsonNode::asBoolean).containsExactly(true, false);
        assertThat(eleventh.path("usedCents").asLong()).isEqualTo(90_000);
        // the 7th: nobody named it (the abandoned batch's ballot does not count): no majority grade, no winner
        assertThat(r.path("scopes").path("7")).isEqualTo(JSON.readTree("""
                {"envelopeCents":100000,"usedCents":0,"judges":0,"projects":[
                 {"projectId":"%s","profile":[0,0,0,0],"majorityGrade":null,"p":null,"q":null,"rank":1,"costCents":50000,"winner":false}]}
                """.formatted(s)));

        // the event: integer counts only; a second tally from the events gives the same bytes
        ObjectMapper ledger = LedgerObjectMapper.create();
        byte[] recorded = jdbc.queryForObject("""
                SELECT payload FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type LIKE '%.MajorityJudgmentResultsPublished'""",
                byte[].class, "budget-campaign:" + YEAR);
        String text = new String(recorded, java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\"p\"").contains("\"above\":2,\"below\":1");
        List<JsonNode> numbers = new java.util.ArrayList<>();
        collectNumbers(JSON.readTree(recorded).path("results"), numbers);
        assertThat(numbers).isNotEmpty().allMatch(JsonNode::isIntegralNumber);
        MajorityJudgmentResultsPublished stored = ledger.readValue(recorded, MajorityJudgmentResultsPublished.class);
        MajorityJudgmentResults again = audit.majorityJudgment(directory.campaign(new CampaignYear(YEAR)).orElseThrow());
        assertThat(again).isEqualTo(stored.results());
        assertThat(ledger.writeValueAsBytes(new MajorityJudgmentResultsPublished(new CampaignYear(YEAR), again, stored.publishedAt())))
                .as("the same events give the same results, byte for byte").isEqualTo(recorded);
        String ballot = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE payload_type LIKE '%.BallotCast'
                ORDER BY global_index DESC LIMIT 1""", String.class);
        java.util.TreeMap<String, Integer> v3 = new java.util.TreeMap<>(Map.of(a, 2, b, 3, c, 2));
        assertThat(ballot).as("integer grades in project id order").contains("\"grades\":" + JSON.writeValueAsString(v3));

        // the auditor's tool, from the public export, with its own count
        long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> Long.parseLong(api.get("/api/v1/audit/checkpoint", null).body().split("\n")[1]) >= total);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("mj-audit");
        VerifierCli.Run fetched = VerifierCli.run("fetch", "--url", "http://localhost:" + port, "--out", dir.toString());
        assertThat(fetched.status()).as(fetched.out()).isZero();
        VerifierCli.Run recounted = VerifierCli.run("recount", "--export", dir.resolve("export.ndjson").toString());
        assertThat(recounted.status()).as(recounted.out()).isZero();
        assertThat(recounted.out()).contains("OK   budget " + YEAR + " (majority judgment): recorded 4 ballots, recounted 4, "
                + "results equal; paper batches: 2 confirmed, 1 abandoned, 0 open");

        // a project's page shows its profile and majority grade; the winners are realized
        JsonNode page = await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/budget/projects/" + c, null).json(),
                p -> p.path("rank").asInt() == 1);
        assertThat(page.path("profile")).isEqualTo(JSON.readTree("[1,0,3,0]"));
        assertThat(page.path("majorityGrade").asInt()).isEqualTo(2);
        assertThat(page.path("winner").asBoolean()).isTrue();
        assertThat(page.path("votes").isNull()).isTrue();
        assertThat(phase("REALIZATION").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/budget/projects/" + c + "/realization", AGENT, "{\"status\":\"STUDY\"}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/budget/projects/" + a + "/realization", AGENT, "{\"status\":\"STUDY\"}").code())
                .isEqualTo("budget.not-a-winner");
    }

    private static void collectNumbers(JsonNode node, List<JsonNode> into) {
        if (node.isNumber()) {
            into.add(node);
        }
        node.forEach(child -> collectNumbers(child, into));
    }
}
