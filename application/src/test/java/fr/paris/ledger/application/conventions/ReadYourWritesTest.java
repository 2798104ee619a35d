package fr.paris.ledger.application.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.projection.ReadYourWrites;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Read your own writes (api.md): right after a 2xx, the same caller's read of what it just changed
 * shows the change, never a 404 or the old state. Each case is repeated, reading at once.
 */
@LedgerIntegrationTest
class ReadYourWritesTest {
    static final String AGENT = Tokens.withRoles("ryw-agent", "AGENT");
    static final String ADMIN = Tokens.withRoles("ryw-admin", "ADMIN");

    @LocalServerPort
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void a_new_card_is_read_at_once_by_its_holder() {
        for (int i = 0; i < 30; i++) {
            String token = Tokens.citizen("ryw-holder-" + i, "1990-01-01", "75011");
            Api.Response issued = api.post("/api/v1/citizen-cards", token, "{}");
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            Api.Response mine = api.get("/api/v1/citizen-cards/me", token);
            assertThat(mine.status()).as("read #" + i + " right after the 201: " + mine).isEqualTo(200);
            assertThat(mine.json().path("cardNumber").asText()).isEqualTo(issued.json().path("cardNumber").asText());
            assertThat(mine.json().path("status").asText()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void a_cancelled_card_is_read_cancelled_at_once() {
        for (int i = 0; i < 10; i++) {
            String token = Tokens.citizen("ryw-cancel-" + i, "1990-01-01", "75011");
            String number = api.post("/api/v1/citizen-cards", token, "{}").json().path("cardNumber").asText();
            assertThat(api.post("/api/v1/citizen-cards/" + number + "/cancel", token, "{}").status()).as("setup").isEqualTo(200);
            assertThat(api.get("/api/v1/citizen-cards/me", token).json().path("status").asText()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void a_filed_petition_is_read_at_once_by_its_author_and_its_publication_by_nobody_else_in_particular() {
        for (int i = 0; i < 20; i++) {
            String author = Tokens.citizen("ryw-author-" + i, "1990-01-01", "75011");
            Api.Response filed = api.post("/api/v1/petitions", author, "{\"title\":\"Read at once\",\"text\":\"t\"}");
            assertThat(filed.status()).isEqualTo(201);
            String id = filed.json().path("id").asText();
            Api.Response read = api.get("/api/v1/petitions/" + id, author);
            assertThat(read.status()).as("read #" + i + " right after filing: " + read).isEqualTo(200);
            assertThat(read.json().path("status").asText()).isEqualTo("PENDING_MODERATION");
            // the author withdraws it, and reads it withdrawn at once
            assertThat(api.post("/api/v1/petitions/" + id + "/withdraw", author, "{}").status()).as("setup").isEqualTo(200);
            assertThat(api.get("/api/v1/petitions/" + id, author).json().path("status").asText()).isEqualTo("WITHDRAWN");
        }
    }

    @Test
    void a_ballot_is_read_at_once_by_its_voter_with_its_receipt_and_a_replacement_replaces_it() {
        int year = 2041;
        StringBuilder arr = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            arr.append(i == 1 ? "" : ",").append('"').append(i).append("\":100000");
        }
        assertThat(api.post("/api/v1/budget/campaigns", ADMIN, "{\"year\":" + year + ",\"parisWideEnvelopeCents\":1000000,"
                + "\"arrondissementEnvelopesCents\":{" + arr + "}}").status()).isEqualTo(201);
        String[] projects = new String[2];
        for (int i = 0; i < 2; i++) {
            projects[i] = api.post("/api/v1/budget/campaigns/" + year + "/projects", Tokens.citizen("ryw-proposer", "1990-01-01", "75011"),
                    "{\"title\":\"Project " + i + "\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":1000}")
                    .json().path("projectId").asText();
        }
        assertThat(api.post("/api/v1/budget/campaigns/" + year + "/phase", ADMIN, "{\"phase\":\"FEASIBILITY\"}").status()).as("setup").isEqualTo(200);
        for (String p : projects) {
            assertThat(api.post("/api/v1/budget/projects/" + p + "/feasibility", AGENT, "{\"verdict\":\"FEASIBLE\",\"costCents\":1000}")
                    .status()).as("setup").isEqualTo(200);
        }
        assertThat(api.post("/api/v1/budget/campaigns/" + year + "/phase", ADMIN, "{\"phase\":\"VOTING\"}").status()).as("setup").isEqualTo(200);
        for (int i = 0; i < 10; i++) {
            String voter = Tokens.citizen("ryw-voter-" + i, "1990-01-01", "75011");
            assertThat(api.get("/api/v1/budget/campaigns/" + year + "/ballots/me", voter).code()).isEqualTo("budget.no-ballot");
            Api.Response cast = vote(year, voter, projects[0]);
            assertThat(cast.status()).as("setup").isEqualTo(200);
            Api.Response mine = api.get("/api/v1/budget/campaigns/" + year + "/ballots/me", voter);
            assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
            assertThat(mine.json().path("parisWide").get(0).asText()).isEqualTo(projects[0]);
            assertThat(mine.json().path("receipt").path("eventId").asText())
                    .isEqualTo(cast.json().path("receipt").path("eventId").asText());
            vote(year, voter, projects[1]);
            assertThat(api.get("/api/v1/budget/campaigns/" + year + "/ballots/me", voter).json().path("parisWide").get(0).asText())
                    .as("the replacement, at once").isEqualTo(projects[1]);
        }
    }

    private Api.Response vote(int year, String token, String project) {
        return api.send("PUT", "/api/v1/budget/campaigns/" + year + "/ballots/me", token,
                "{\"parisWide\":[\"" + project + "\"],\"arrondissement\":null,\"arrondissementProjects\":[]}", "application/json", Map.of());
    }

    @Test
    void a_processor_token_has_passed_an_event_only_at_or_past_it_and_not_while_it_is_a_gap() {
        assertThat(passed("{\"index\":10,\"gaps\":[]}", 10)).isTrue();
        assertThat(passed("{\"index\":10,\"gaps\":[]}", 11)).isFalse();
        assertThat(passed("{\"index\":12,\"gaps\":[11]}", 11)).isFalse();
        assertThat(passed("{\"tokenAtReset\":{\"index\":90},\"currentToken\":{\"index\":12,\"gaps\":[]}}", 12)).isTrue();
        assertThat(passed("not json", 1)).isFalse();
    }

    private static boolean passed(String token, long index) {
        return ReadYourWrites.passed(token.getBytes(StandardCharsets.UTF_8), index);
    }
}
