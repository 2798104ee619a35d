package fr.paris.ledger.application.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.infra.security.DashboardPages;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * What the dashboard needs from the service, without a browser: its files are public, with a
 * strict Content-Security-Policy that they keep (no inline script or style, no HTML built from
 * data), and the public reads it added (lists of campaigns, a campaign's projects, councils, the
 * ledger's figures).
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.budget.results-grace=PT0.2S")
class DashboardApiTest {
    private static final List<String> PAGES = List.of("/", "/index.html", "/petition.html", "/budget.html", "/councils.html",
            "/ledger.html", "/verify.html");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void the_pages_and_their_files_are_public_with_a_strict_content_security_policy() {
        for (String page : PAGES) {
            Api.Response r = api.send("GET", page, null, null, null, java.util.Map.of("Accept", "text/html"));
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.contentType()).as(page).startsWith("text/html");
            assertThat(r.header("Content-Security-Policy")).as(page).isEqualTo(DashboardPages.CONTENT_SECURITY_POLICY)
                    .contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe");
            assertThat(r.header("Cache-Control")).as(page).isEqualTo("no-cache");
            assertThat(r.header("Last-Modified")).as(page).isNotNull();
            assertThat(r.body()).as(page).contains("<main>", "/dashboard/style.css");
        }
        Api.Response script = api.get("/dashboard/verify.js", null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).startsWith("text/javascript");
        assertThat(script.header("Content-Security-Policy")).isEqualTo(DashboardPages.CONTENT_SECURITY_POLICY);
        assertThat(api.get("/dashboard/no-such-file.js", null).status()).isEqualTo(404);
        // the API's answers keep theirs: no policy of the pages'; and other paths still need a token
        assertThat(api.get("/api/v1/petitions", null).header("Content-Security-Policy")).isNull();
        assertThat(api.get("/no-such-page.html", null).status()).isEqualTo(401);
        assertThat(api.send("POST", "/index.html", null, "{}", "application/json", java.util.Map.of()).status()).isEqualTo(401);
    }

    @Test
    void the_files_hold_no_inline_script_or_style_and_build_no_html_from_data() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        Resource[] pages = resolver.getResources("classpath:/static/*.html");
        Resource[] scripts = resolver.getResources("classpath:/static/dashboard/*.js");
        assertThat(pages).hasSizeGreaterThanOrEqualTo(6);
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(10);
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern inlineHandler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern inlineStyle = Pattern.compile("<style|\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
        for (Resource page : pages) {
            String html = read(page);
            assertThat(inlineScript.matcher(html).find()).as(page.getFilename() + ": inline script").isFalse();
            assertThat(inlineHandler.matcher(html).find()).as(page.getFilename() + ": inline event handler").isFalse();
            assertThat(inlineStyle.matcher(html).find()).as(page.getFilename() + ": inline style").isFalse();
            assertThat(html).as(page.getFilename() + ": everything from this origin").contains("<html lang=\"fr\">", "name=\"viewport\"")
                    .doesNotContain("src=\"http", "href=\"http", "src=\"//", "href=\"//");
        }
        List<String> forbidden = List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                "setAttribute('style'", "from 'http", "import('http", "fetch('http", "fetch(`http");
        for (Resource script : scripts) {
            String js = read(script);
            for (String f : forbidden) {
                assertThat(js).as(script.getFilename() + " uses " + f).doesNotContain(f);
            }
        }
    }

    private static String read(Resource resource) throws IOException {
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private JsonNode eventually(String path, java.util.function.Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Api.Response r = api.get(path, null);
            return r.status() == 200 ? r.json() : null;
        }, j -> j != null && until.test(j));
    }

    @Test
    void campaigns_a_campaigns_projects_and_councils_are_listed_publicly() {
        // no other test of this class opens a campaign
        assertThat(api.get("/api/v1/budget/campaigns", null).json()).isEmpty();
        DashboardFixture data = new DashboardFixture(api).build();
        data.awaitReadModels();

        JsonNode campaigns = api.get("/api/v1/budget/campaigns", null).json();
        assertThat(campaigns.findValuesAsText("year")).containsExactly(String.valueOf(DashboardFixture.VOTING_YEAR),
                String.valueOf(DashboardFixture.DONE_YEAR));
        assertThat(campaigns.get(0).path("phase").asText()).isEqualTo("VOTING");
        assertThat(campaigns.get(0).path("votersSoFar").path("ONLINE").asInt()).isEqualTo(2);
        assertThat(campaigns.get(1).path("resultsPublished").asBoolean()).isTrue();

        JsonNode projects = api.get("/api/v1/budget/campaigns/" + DashboardFixture.DONE_YEAR + "/projects", null).json()
                .path("items");
        assertThat(projects).hasSize(3);
        // paged: two, then the last one, in the same order
        String projectsPath = "/api/v1/budget/campaigns/" + DashboardFixture.DONE_YEAR + "/projects";
        JsonNode first = api.get(projectsPath + "?limit=2", null).json();
        assertThat(first.path("items")).hasSize(2);
        JsonNode rest = api.get(projectsPath + "?limit=2&after=" + first.path("next").asText(), null).json();
        assertThat(rest.path("items")).hasSize(1);
        assertThat(rest.has("next")).isFalse();
        assertThat(rest.path("items").get(0).path("projectId").asText()).isEqualTo(projects.get(2).path("projectId").asText());
        assertThat(api.get(projectsPath + "?limit=201", null).code()).isEqualTo("request.invalid");
        assertThat(api.get(projectsPath + "?after=bm9wZQ", null).code()).isEqualTo("request.invalid");
        assertThat(projects.findValuesAsText("title")).containsExactlyInAnyOrder("Un jardin rue Oberkampf",
                "Des bancs à l’ombre place Léon-Blum", "Végétaliser les cours d’école");
        // in submission order (the test clock stands still: then by project id)
        assertThat(projects.findValuesAsText("projectId")).isSorted();
        for (JsonNode p : projects) {
            // each as GET /budget/projects/{id} reads it
            assertThat(p).isEqualTo(api.get("/api/v1/budget/projects/" + p.path("projectId").asText(), null).json());
            assertThat(p.path("winner").asBoolean()).isTrue();
        }
        assertThat(projects.findValues("realization").stream().filter(r -> r.size() == 1).map(r -> r.get(0).path("status").asText()))
                .containsExactly("WORKS");
        assertThat(api.get("/api/v1/budget/campaigns/2099/projects", null).code()).isEqualTo("budget.campaign-not-found");
        assertThat(api.get("/api/v1/budget/campaigns/1999/projects", null).code()).isEqualTo("budget.campaign-not-found");

        JsonNode councils = api.get("/api/v1/councils", null).json();
        JsonNode council = null;
        for (JsonNode c : councils) {
            council = c.path("councilId").asText().equals(DashboardFixture.COUNCIL) ? c : council;
        }
        assertThat(council).as(councils.toString()).isEqualTo(api.get("/api/v1/councils/" + DashboardFixture.COUNCIL, null).json());
        assertThat(council.path("calls").get(0).path("status").asText()).isEqualTo("DRAWN");
    }

    @Test
    void the_ledgers_figures_count_sealed_events_by_instrument_and_name_the_latest_checkpoint() {
        EventLog events = new EventLog(jdbc);
        long before = events.count();
        JsonNode first = eventually("/api/v1/stats/ledger", s -> s.path("sealedEvents").asLong() == before);
        DashboardFixture data = new DashboardFixture(api);
        String petition = data.petition("Des arbres rue de la Roquette", "Des arbres.", 11);
        data.sign(petition, 11);
        long total = events.count();
        assertThat(total).isEqualTo(before + 3);
        JsonNode stats = eventually("/api/v1/stats/ledger", s -> s.path("sealedEvents").asLong() == total
                && s.path("latestCheckpoint").path("treeSize").asLong() == total);
        assertThat(stats.path("sealedByInstrument").path("petition").asLong())
                .isEqualTo(first.path("sealedByInstrument").path("petition").asLong() + 3);
        long sum = 0;
        for (JsonNode n : stats.path("sealedByInstrument")) {
            sum += n.asLong();
        }
        assertThat(sum).as("every sealed event counted once").isEqualTo(total);
        assertThat(stats.path("unsealedEvents").asLong()).isZero();
        assertThat(stats.path("oldestUnsealedSeconds").asDouble()).isZero();
        assertThat(stats.path("latestCheckpoint").path("signedAt").asText()).isNotBlank();
        assertThat(stats.path("asOf").asText()).isNotBlank();

        // more events: only the new leaves are counted, and added to the counts kept
        data.sign(petition, 20);
        api.post("/api/v1/councils", DashboardFixture.ADMIN, "{\"councilId\":\"stats\",\"name\":\"Stats\",\"seats\":1,"
                + "\"residentsOnly\":true,\"quotas\":{\"ALL\":1},\"mandateMonths\":12,\"renewable\":true}");
        long after = events.count();
        JsonNode later = eventually("/api/v1/stats/ledger", s -> s.path("sealedEvents").asLong() == after);
        assertThat(later.path("sealedByInstrument").path("petition").asLong())
                .isEqualTo(stats.path("sealedByInstrument").path("petition").asLong() + 1);
        assertThat(later.path("sealedByInstrument").path("sortition").asLong())
                .isEqualTo(stats.path("sealedByInstrument").path("sortition").asLong() + 1);
        assertThat(api.get("/api/v1/stats/ledger", fr.paris.ledger.application.support.Tokens.forged("x")).status())
                .as("a public read still checks a token sent to it").isEqualTo(401);
    }
}
