package fr.paris.ledger.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.PaperBatches;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.application.support.VerifierCli;
import fr.paris.ledger.application.support.VerifierCli.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The auditor's tool against the running service: activity of several instruments, then fetch
 * (with no token, page by page), verify and recount all pass; after a row is changed behind the ledger's back, verify fails.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.audit.export.max-page=" + VerifierEndToEndTest.MAX_PAGE)
class VerifierEndToEndTest {
    /** Small pages, so that fetch goes through many pages of the export, the leaf hashes and the checkpoints. */
    static final int MAX_PAGE = 7;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    private static Run verifier(String... args) {
        return VerifierCli.run(args);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private void awaitSealed() {
        Api api = new Api(port);
        long total = events();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> Long.parseLong(api.get("/api/v1/audit/checkpoint", null).body().split("\n")[1]) >= total);
    }

    static final int YEAR = 2031;
    static final String ADMIN = Tokens.withRoles("e2e-admin", "ADMIN");
    static final String AGENT = Tokens.withRoles("e2e-budget-agent", "AGENT");

    private static void ok(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }

    /**
     * A small campaign to its results: three projects, a replaced ballot, a confirmed paper batch (a
     * paper ballot counted, one set aside, a spoiled paper, a voided entry) and an abandoned one.
     */
    private void budgetCampaign(Api api) {
        StringBuilder arr = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            arr.append(i == 1 ? "" : ",").append('"').append(i).append("\":100000");
        }
        ok(api.post("/api/v1/budget/campaigns", ADMIN, "{\"year\":" + YEAR + ",\"parisWideEnvelopeCents\":1000000,"
                + "\"arrondissementEnvelopesCents\":{" + arr + "},\"maxParisWideChoices\":2,\"maxArrondissementChoices\":2}"), 201);
        String[] projects = new String[3];
        long[] costs = {600_000, 500_000, 300_000};
        for (int i = 0; i < 3; i++) {
            Api.Response r = api.post("/api/v1/budget/campaigns/" + YEAR + "/projects", Tokens.citizen("e2e-author-" + i, "1980-01-01", "75011"),
                    "{\"title\":\"E2E project " + i + "\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":" + costs[i] + "}");
            ok(r, 201);
            projects[i] = r.json().path("projectId").asText();
            clock.advance(Duration.ofSeconds(1));
        }
        ok(phase(api, "FEASIBILITY"), 200);
        for (int i = 0; i < 3; i++) {
            ok(api.post("/api/v1/budget/projects/" + projects[i] + "/feasibility", AGENT,
                    "{\"verdict\":\"FEASIBLE\",\"costCents\":" + costs[i] + "}"), 200);
        }
        ok(phase(api, "VOTING"), 200);
        ok(vote(api, "e2e-v1", projects[0], projects[1]), 200);
        ok(vote(api, "e2e-v2", projects[2]), 200);
        clock.advance(Duration.ofSeconds(1));
        ok(vote(api, "e2e-v2", projects[0]), 200); // replaces the first
        // paper: a confirmed batch (a ballot counted, one of an online voter set aside by the tally, a
        // spoiled paper, a typing mistake voided) and an abandoned batch, whose ballot never counts
        PaperBatches paper = new PaperBatches(api, YEAR);
        String countersigner = Tokens.withRoles("e2e-budget-agent-2", "AGENT");
        ok(paper.open(AGENT, "b1", "urn-11-a", 3), 201);
        ok(paper.enter(AGENT, "b1", PaperBatches.paper("E-1", "e2e-paper", projects[2])), 201);
        ok(paper.enter(AGENT, "b1", PaperBatches.paper("E-9", "e2e-typo", projects[0])), 201);
        ok(paper.voidEntry(AGENT, "b1", "E-9"), 200);
        ok(paper.enter(AGENT, "b1", PaperBatches.paper("E-2", "e2e-v1", projects[2])), 201);
        ok(paper.spoiled(AGENT, "b1", "E-3"), 201);
        ok(paper.confirm(countersigner, "b1"), 200);
        ok(paper.open(AGENT, "b2", "urn-11-b", 1), 201);
        ok(paper.enter(AGENT, "b2", PaperBatches.paper("E-4", "e2e-abandoned", projects[1])), 201);
        ok(paper.abandon(countersigner, "b2", "the urn was not sealed"), 200);
        clock.advance(Duration.ofSeconds(1));
        ok(phase(api, "RESULTS"), 200); // closes the vote; the results are recorded a grace period later
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/budget/campaigns/" + YEAR + "/results", null).status() == 200);
    }

    private Api.Response phase(Api api, String phase) {
        return api.post("/api/v1/budget/campaigns/" + YEAR + "/phase", ADMIN, "{\"phase\":\"" + phase + "\"}");
    }

    private static Api.Response vote(Api api, String voter, String... paris) {
        return api.send("PUT", "/api/v1/budget/campaigns/" + YEAR + "/ballots/me", Tokens.citizen(voter, "1980-01-01", "75011"),
                "{\"parisWide\":[\"" + String.join("\",\"", paris) + "\"],\"arrondissement\":null,\"arrondissementProjects\":[]}",
                "application/json", Map.of());
    }

    /**
     * A small council drawn by lot: six applicants in two groups, one seat and one alternate each;
     * then the drawn F member resigns (her alternate takes the seat) and the alternate resigns too
     * (no alternate left: the seat stays vacant).
     */
    private void councilDraw(Api api) {
        String councils = "/api/v1/councils";
        ok(api.post(councils, ADMIN, "{\"councilId\":\"e2e-council\",\"name\":\"E2E council\",\"seats\":2,"
                + "\"residentsOnly\":true,\"quotas\":{\"F\":1,\"M\":1},\"mandateMonths\":12,\"renewable\":true}"), 201);
        ok(api.post(councils + "/e2e-council/calls", ADMIN, "{\"callId\":\"c1\",\"seats\":{\"F\":1,\"M\":1},\"alternatesPerGroup\":1}"), 201);
        for (int i = 0; i < 6; i++) {
            ok(api.post(councils + "/e2e-council/calls/c1/applications", Tokens.citizen("e2e-applicant-" + i, "1990-01-01", "75011"),
                    "{\"group\":\"" + (i % 2 == 0 ? "F" : "M") + "\"}"), 201);
        }
        ok(api.post(councils + "/e2e-council/calls/c1/close", ADMIN, "{}"), 200);
        Api.Response draw = api.post(councils + "/e2e-council/calls/c1/draw", ADMIN,
                "{\"algorithm\":\"SHA256-V1\",\"randomSources\":[[9319],[2,5,12,8,10],\"7f3a9c\"]}");
        ok(draw, 200);
        String member = draw.json().path("selected").path("F").path(0).asText();
        String alternate = draw.json().path("alternates").path("F").path(0).asText();
        Api.Response first = api.post(councils + "/e2e-council/members/" + member + "/resign", ADMIN, "{}");
        ok(first, 200);
        assertThat(first.json().path("replacedBy").asText()).isEqualTo(alternate);
        Api.Response second = api.post(councils + "/e2e-council/members/" + alternate + "/resign", ADMIN, "{}");
        ok(second, 200);
        assertThat(second.json().path("replacedBy").isNull()).as(second.toString()).isTrue();
    }

    @Test
    void an_export_of_real_activity_verifies_and_recounts_and_tampering_is_caught(@TempDir Path dir) throws Exception {
        Api api = new Api(port);
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/v1/citizen-cards", Tokens.citizen("e2e-card-" + i, "1980-01-01", "75012"), "{}").status())
                    .isEqualTo(201);
        }
        String author = Tokens.citizen("e2e-author", "1980-01-01", "75011");
        String id = api.post("/api/v1/petitions", author, "{\"title\":\"End to end\",\"text\":\"Check me\"}").json().path("id").asText();
        assertThat(api.post("/api/v1/petitions/" + id + "/moderation", Tokens.withRoles("e2e-agent", "AGENT"),
                "{\"decision\":\"PUBLISH\"}").status()).isEqualTo(200);
        for (int i = 0; i < 6; i++) {
            assertThat(api.post("/api/v1/petitions/" + id + "/signatures", Tokens.citizen("e2e-signer-" + i, "1980-01-01", "75005"),
                    "{}").status()).isEqualTo(201);
        }
        api.send("DELETE", "/api/v1/petitions/" + id + "/signatures/me", Tokens.citizen("e2e-signer-0", "1980-01-01", "75005"),
                null, null, Map.of());
        clock.advance(Duration.ofDays(366));
        assertThat(api.post("/api/v1/petitions/" + id + "/cpdp-decision", Tokens.withRoles("e2e-cpdp", "CPDP"),
                "{\"decision\":\"DECLINE\",\"reason\":\"below the threshold\"}").json().path("validSignatures").asLong()).isEqualTo(5);
        budgetCampaign(api);
        councilDraw(api);
        awaitSealed();

        // anyone, with no account: the export, the leaf hashes and the checkpoints are public
        Run fetched = verifier("fetch", "--url", "http://localhost:" + port, "--out", dir.toString());
        assertThat(fetched.status()).as(fetched.out()).isZero();
        long leaves = jdbc.queryForObject("SELECT tree_size FROM audit_state", Long.class);
        assertThat(leaves).as("several pages of " + MAX_PAGE).isGreaterThan(3 * MAX_PAGE);
        assertThat(Files.readAllLines(dir.resolve("export.ndjson"))).hasSizeGreaterThanOrEqualTo((int) leaves);
        assertThat(Files.readAllLines(dir.resolve("leaf-hashes.txt"))).hasSizeGreaterThanOrEqualTo((int) leaves);
        String export = dir.resolve("export.ndjson").toString();
        String checkpoints = dir.resolve("checkpoints.json").toString();
        String key = dir.resolve("verifier.key").toString();

        Run verified = verifier("verify", "--export", export, "--checkpoints", checkpoints, "--key", key,
                "--leaf-hashes", dir.resolve("leaf-hashes.txt").toString());
        assertThat(verified.status()).as(verified.out()).isZero();
        assertThat(verified.out()).startsWith("OK");
        Run recounted = verifier("recount", "--export", export);
        assertThat(recounted.status()).as(recounted.out()).isZero();
        assertThat(recounted.out()).contains("OK   petition " + id + ": PetitionDeclined recorded 5 valid signatures, recount gives 5")
                .contains("OK   budget " + YEAR + ": recorded 3 ballots, recounted 3, results equal")
                .contains("OK   draw e2e-council/c1: pool hash ok, key ok, selection equal")
                .contains("OK   seats e2e-council: 3 seatings, 2 resignations follow the draws and the alternates' order")
                .contains("OK: 1 decided petitions, 1 budget campaigns, 1 draws, 1 councils' seats recounted");

        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_no_update_or_delete");
        try {
            jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                    + "'\"arrondissement\":12', '\"arrondissement\":13'), 'UTF8') WHERE global_index = (SELECT min(global_index) FROM domain_event_entry)");
        } finally {
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_no_update_or_delete");
        }
        Path again = dir.resolve("after");
        // a token, of any role, still works
        String auditor = Tokens.withRoles("e2e-auditor", "AUDITOR");
        assertThat(verifier("fetch", "--url", "http://localhost:" + port, "--token", auditor, "--out", again.toString()).status())
                .isZero();
        Run caught = verifier("verify", "--export", again.resolve("export.ndjson").toString(),
                "--checkpoints", again.resolve("checkpoints.json").toString(), "--key", again.resolve("verifier.key").toString());
        assertThat(caught.status()).as(caught.out()).isEqualTo(1);
        assertThat(caught.out()).contains("FAIL").contains("root differs");
        assertThat(Files.exists(again.resolve("export.ndjson"))).isTrue();
    }
}
