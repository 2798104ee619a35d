package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14: {@code HEAD} and CORS preflights of the public reads were refused with 401. A HEAD
 * answers as the GET would, without the body; a page of any origin may read the public reads with
 * GET or HEAD, and nothing else.
 */
@LedgerIntegrationTest
class PublicReadsTest {
    private static final String STATS = "/api/v1/stats/citizen-cards";
    private static final String ORIGIN = "https://civic-dashboard.example";
    /** Headers that describe the connection or the moment rather than the answer. */
    private static final Set<String> TRANSPORT = Set.of("date", "content-length", "transfer-encoding", "keep-alive", "connection");

    @LocalServerPort
    int port;

    /** A client of this class's service (its port is known once the context runs). */
    private Api api() {
        return new Api(port);
    }

    private static Map<String, java.util.List<String>> answerHeaders(Api.Response r) {
        Map<String, java.util.List<String>> h = new TreeMap<>();
        r.raw().headers().map().forEach((name, values) -> {
            if (!TRANSPORT.contains(name.toLowerCase()) && !name.startsWith(":")) {
                h.put(name.toLowerCase(), values);
            }
        });
        return h;
    }

    @Test
    void a_head_of_a_public_read_answers_as_the_get_without_a_body() {
        for (String path : new String[] {STATS, "/api/v1/petitions", "/api/v1/petitions/pet-no-such-petition",
                "/api/v1/audit/checkpoint", "/api/v1/budget/campaigns/1999"}) {
            Api.Response get = api().get(path, null);
            Api.Response head = api().send("HEAD", path, null, null, null, Map.of());
            assertThat(head.status()).as("HEAD " + path + " vs " + get).isEqualTo(get.status()).isNotEqualTo(401);
            assertThat(answerHeaders(head)).as("HEAD " + path).isEqualTo(answerHeaders(get));
            assertThat(head.body()).as("HEAD " + path).isEmpty();
        }
        assertThat(api().send("HEAD", "/api/v1/citizen-cards/me", null, null, null, Map.of()).status())
                .as("a protected read still needs a token").isEqualTo(401);
    }

    @Test
    void a_preflight_of_a_public_read_from_any_origin_is_allowed_for_get_and_head() {
        Api.Response preflight = api().send("OPTIONS", STATS, null, null, null,
                Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "GET"));

        assertThat(preflight.status()).as(preflight.toString()).isEqualTo(200);
        assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(preflight.header("Access-Control-Allow-Methods")).contains("GET").contains("HEAD").doesNotContain("POST");
        assertThat(preflight.header("Access-Control-Allow-Credentials")).isNull();
        Api.Response head = api().send("OPTIONS", "/api/v1/petitions/pet-x/signatures/count", null, null, null,
                Map.of("Origin", ORIGIN, "Access-Control-Request-Method", "HEAD"));
        assertThat(head.status()).as(head.toString()).isEqualTo(200);

        Api.Response get = api().send("GET", STATS, null, null, null, Map.of("Origin", ORIGIN));
        assertThat(get.status()).isEqualTo(200);
        assertThat(get.header("Access-Control-Allow-Origin")).isEqualTo("*");
    }

    @Test
    void nothing_else_is_shared_across_origins() {
        for (String[] c : new String[][] {{"/api/v1/petitions", "POST"}, {"/api/v1/citizen-cards/me", "GET"},
                {"/api/v1/citizen-cards", "POST"}}) {
            Api.Response preflight = api().send("OPTIONS", c[0], null, null, null,
                    Map.of("Origin", ORIGIN, "Access-Control-Request-Method", c[1]));
            assertThat(preflight.status()).as(c[1] + " " + c[0] + " -> " + preflight).isEqualTo(403);
            assertThat(preflight.code()).isEqualTo("request.cors-refused");
            assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
        }
        Api.Response withAuthorization = api().send("OPTIONS", STATS, null, null, null, Map.of("Origin", ORIGIN,
                "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization"));
        assertThat(withAuthorization.status()).as(withAuthorization.toString()).isEqualTo(403);
        assertThat(withAuthorization.header("Access-Control-Allow-Origin")).isNull();
        Api.Response write = api().send("POST", "/api/v1/petitions", null, "{}", "application/json", Map.of("Origin", ORIGIN));
        assertThat(write.status()).isEqualTo(401);
        assertThat(write.header("Access-Control-Allow-Origin")).isNull();
    }
}
