package fr.paris.ledger.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.verifier.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The auditor's tool against the running service: activity of several instruments, then fetch,
 * verify and recount all pass; after a row is changed behind the ledger's back, verify fails.
 */
@LedgerIntegrationTest
class VerifierEndToEndTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    private record Run(int status, String out) {
    }

    private static Run verifier(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int status = Verifier.run(args, new PrintStream(out), new PrintStream(err));
        return new Run(status, out + err.toString());
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

    @Test
    void an_export_of_real_activity_verifies_and_recounts_and_tampering_is_caught(@TempDir Path dir) {
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
        // a small participatory budget, to its results
        String admin = Tokens.withRoles("e2e-admin", "ADMIN");
        String agent = Tokens.withRoles("e2e-agent", "AGENT");
        StringBuilder envelopes = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            envelopes.append(i == 1 ? "" : ",").append('"').append(i).append("\":1000");
        }
        assertThat(api.post("/api/v1/budget/campaigns", admin, "{\"year\":2027,\"parisWideEnvelopeCents\":1000,"
                + "\"arrondissementEnvelopesCents\":{" + envelopes + "}}").status()).isEqualTo(201);
        String[] projects = new String[3];
        for (int i = 0; i < 3; i++) {
            projects[i] = api.post("/api/v1/budget/campaigns/2027/projects", Tokens.citizen("e2e-proposer-" + i, "1980-01-01", "75004"),
                    "{\"title\":\"Project " + i + "\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":"
                            + (300 + 100 * i) + "}").json().path("projectId").asText();
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(api.post("/api/v1/budget/campaigns/2027/phase", admin, "{\"phase\":\"FEASIBILITY\"}").status()).isEqualTo(200);
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/api/v1/budget/projects/" + projects[i] + "/feasibility", agent,
                    "{\"verdict\":\"FEASIBLE\",\"costCents\":" + (400 + 100 * i) + "}").status()).isEqualTo(200);
        }
        assertThat(api.post("/api/v1/budget/campaigns/2027/phase", admin, "{\"phase\":\"VOTING\"}").status()).isEqualTo(200);
        for (int v = 0; v < 4; v++) {
            assertThat(api.send("PUT", "/api/v1/budget/campaigns/2027/ballots/me", Tokens.citizen("e2e-voter-" + v, "1980-01-01", "75004"),
                    "{\"parisWide\":[\"" + projects[v % 3] + "\"]}", "application/json", Map.of()).status()).isEqualTo(200);
        }
        assertThat(api.post("/api/v1/budget/campaigns/2027/paper-ballots", agent,
                "{\"ballotNumber\":\"E2E-1\",\"voterId\":\"e2e-voter-0\",\"parisWide\":[\"" + projects[2] + "\"]}").status())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/budget/campaigns/2027/phase", admin, "{\"phase\":\"RESULTS\"}").status()).isEqualTo(200);

        // a council draw: a call, six applications in two groups, the pool frozen, a SHA256-V1 draw
        assertThat(api.post("/api/v1/councils", admin, "{\"councilId\":\"e2e-council\",\"name\":\"End to end\","
                + "\"seats\":4,\"residentsOnly\":false,\"quotas\":{\"F\":2,\"M\":2},\"mandateMonths\":24,\"renewable\":false}")
                .status()).isEqualTo(201);
        assertThat(api.post("/api/v1/councils/e2e-council/calls", admin,
                "{\"callId\":\"first\",\"seats\":{\"F\":1,\"M\":1},\"alternatesPerGroup\":1}").status()).isEqualTo(201);
        for (int i = 0; i < 6; i++) {
            assertThat(api.post("/api/v1/councils/e2e-council/calls/first/applications",
                    Tokens.citizen("e2e-applicant-" + i, null, "75003"), "{\"group\":\"" + (i % 2 == 0 ? "F" : "M") + "\"}")
                    .status()).isEqualTo(201);
        }
        assertThat(api.post("/api/v1/councils/e2e-council/calls/first/close", admin, "{}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/councils/e2e-council/calls/first/draw", admin,
                "{\"randomSources\":[[9319],[2,5,12,8,10],\"00ff11ee\"]}").status()).isEqualTo(200);

        clock.advance(Duration.ofDays(366));
        assertThat(api.post("/api/v1/petitions/" + id + "/cpdp-decision", Tokens.withRoles("e2e-cpdp", "CPDP"),
                "{\"decision\":\"DECLINE\",\"reason\":\"below the threshold\"}").json().path("validSignatures").asLong()).isEqualTo(5);
        awaitSealed();

        String auditor = Tokens.withRoles("e2e-auditor", "AUDITOR");
        Run fetched = verifier("fetch", "--url", "http://localhost:" + port, "--token", auditor, "--out", dir.toString());
        assertThat(fetched.status()).as(fetched.out()).isZero();
        String export = dir.resolve("export.ndjson").toString();
        String checkpoints = dir.resolve("checkpoints.json").toString();
        String key = dir.resolve("verifier.key").toString();

        Run verified = verifier("verify", "--export", export, "--checkpoints", checkpoints, "--key", key);
        assertThat(verified.status()).as(verified.out()).isZero();
        assertThat(verified.out()).startsWith("OK");
        Run recounted = verifier("recount", "--export", export);
        assertThat(recounted.status()).as(recounted.out()).isZero();
        assertThat(recounted.out()).contains(id);
        assertThat(recounted.out()).contains("budget 2027").contains("draw ").contains("e2e-council").doesNotContain("DIFF");

        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_no_update_or_delete");
        try {
            jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                    + "'\"75012\"', '\"75013\"'), 'UTF8') WHERE global_index = (SELECT min(global_index) FROM domain_event_entry)");
        } finally {
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_no_update_or_delete");
        }
        Path again = dir.resolve("after");
        assertThat(verifier("fetch", "--url", "http://localhost:" + port, "--token", auditor, "--out", again.toString()).status())
                .isZero();
        Run caught = verifier("verify", "--export", again.resolve("export.ndjson").toString(),
                "--checkpoints", again.resolve("checkpoints.json").toString(), "--key", again.resolve("verifier.key").toString());
        assertThat(caught.status()).as(caught.out()).isEqualTo(1);
        assertThat(caught.out()).contains("FAIL").contains("root differs");
        assertThat(Files.exists(again.resolve("export.ndjson"))).isTrue();
    }
}
