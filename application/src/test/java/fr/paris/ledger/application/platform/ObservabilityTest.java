package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.shared.ParisCalendar;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What operators and client developers read without a token: health, metrics, API documentation. */
@LedgerIntegrationTest
class ObservabilityTest {
    private static final String CARDS = "/api/v1/citizen-cards";

    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String bornYearsAgo(int years) {
        return ParisCalendar.today(clock).minusYears(years).toString();
    }

    @Test
    void health_is_public_and_up_with_the_database_and_the_event_processors() {
        Api.Response r = api.get("/actuator/health", null);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode health = r.json();
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("components").path("db").path("status").asText()).as(r.toString()).isEqualTo("UP");
        assertThat(health.path("components").path("eventProcessors").path("status").asText()).as(r.toString())
                .isEqualTo("UP");
    }

    @Test
    void prometheus_counts_accepted_and_refused_commands_appended_events_and_projection_lag() {
        String accepted = "ledger_commands_total{command=\"IssueCitizenCard\",outcome=\"accepted\",code=\"none\"}";
        String refused = "ledger_commands_total{command=\"IssueCitizenCard\",outcome=\"refused\",code=\"card.too-young\"}";
        String appended = "ledger_events_appended_total{type=\"CitizenCardIssued\"}";
        String lag = "ledger_projection_lag_events{projection=\"citizen-cards\"}";
        String before = prometheus();
        double acceptedBefore = value(before, accepted).orElse(0);
        double refusedBefore = value(before, refused).orElse(0);
        double appendedBefore = value(before, appended).orElse(0);

        Api.Response card = api.post(CARDS, Tokens.citizen("metrics-adult", bornYearsAgo(40), "75004"), "{}");
        assertThat(card.status()).as(card.toString()).isEqualTo(201);
        Api.Response tooYoung = api.post(CARDS, Tokens.citizen("metrics-child", bornYearsAgo(5), "75004"), "{}");
        assertThat(tooYoung.status()).as(tooYoung.toString()).isEqualTo(422);
        assertThat(tooYoung.code()).isEqualTo("card.too-young");

        String after = await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(this::prometheus, text -> value(text, lag).orElse(-1) == 0);
        assertThat(value(after, accepted)).as(accepted).hasValue(acceptedBefore + 1);
        assertThat(value(after, refused)).as(refused).hasValue(refusedBefore + 1);
        assertThat(value(after, appended)).as(appended).hasValue(appendedBefore + 1);
        assertThat(value(after, lag)).as(lag).hasValue(0);
        assertThat(after).contains("http_server_requests_seconds_count{");
    }

    @Test
    void the_openapi_document_is_public_and_describes_the_card_endpoints() {
        Api.Response r = api.get("/v3/api-docs", null);

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
        JsonNode doc = r.json();
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("paths").has(CARDS)).as("paths of the document").isTrue();
        assertThat(doc.path("paths").path(CARDS).has("post")).isTrue();
    }

    @Test
    void swagger_ui_is_public() {
        Api.Response r = api.get("/swagger-ui.html", null);
        for (int hops = 0; hops < 3 && r.status() / 100 == 3; hops++) {
            String location = r.header("Location");
            assertThat(location).as("redirect of " + r.status()).isNotNull();
            URI next = URI.create("http://localhost:" + port + "/").resolve(location);
            r = api.get(next.getRawPath() + (next.getRawQuery() == null ? "" : "?" + next.getRawQuery()), null);
        }

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("swagger-ui");
    }

    private String prometheus() {
        Api.Response r = api.get("/actuator/prometheus", null);
        assertThat(r.status()).as("GET /actuator/prometheus").isEqualTo(200);
        return r.body();
    }

    /**
     * The value of the sample named {@code series} (metric name and the labels that matter, in any
     * order; other labels, such as {@code application}, may be there too).
     */
    static OptionalDouble value(String exposition, String series) {
        String name = series.substring(0, series.indexOf('{'));
        List<String> labels = List.of(series.substring(series.indexOf('{') + 1, series.length() - 1).split(","));
        return exposition.lines()
                .filter(line -> line.startsWith(name + "{"))
                .filter(line -> labels.stream().allMatch(label -> line.contains(label)))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .reduce(Double::sum);
    }

    @Test
    void the_sample_reader_matches_labels_in_any_order() {
        String text = """
                # TYPE ledger_commands_total counter
                ledger_commands_total{application="x",code="none",command="IssueCitizenCard",outcome="accepted"} 3.0
                ledger_commands_total{application="x",code="card.too-young",command="IssueCitizenCard",outcome="refused"} 1.0
                """;
        assertThat(value(text, "ledger_commands_total{command=\"IssueCitizenCard\",outcome=\"accepted\"}")).hasValue(3.0);
        assertThat(value(text, "ledger_commands_total{outcome=\"refused\",code=\"card.too-young\"}")).hasValue(1.0);
        assertThat(value(text, "ledger_commands_total{outcome=\"failed\"}")).isEmpty();
    }
}
