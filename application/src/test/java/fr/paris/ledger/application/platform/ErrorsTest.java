package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every failure a client can cause, and one it cannot, is an RFC 9457 problem with a stable code,
 * and none of them writes anything to the ledger.
 */
@LedgerIntegrationTest
@Import(FailingTestController.class)
@ExtendWith(OutputCaptureExtension.class)
class ErrorsTest {
    private static final String CARDS = "/api/v1/citizen-cards";
    private static final String UNKNOWN_CARD_CANCEL = CARDS + "/CC-0000000000/cancel";
    private static final int LIMIT = 64 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventLog events;
    String citizen;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventLog(jdbc);
        citizen = Tokens.citizen("errors-citizen", "1985-04-12", "75011");
    }

    /** The shape every problem shares. */
    private static JsonNode problem(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.path("type").isTextual()).as(r.toString()).isTrue();
        assertThat(p.path("title").asText()).as(r.toString()).isNotBlank();
        assertThat(p.path("status").asInt()).as(r.toString()).isEqualTo(status);
        assertThat(p.path("detail").asText()).as(r.toString()).isNotBlank();
        assertThat(p.path("code").asText()).as(r.toString()).isEqualTo(code);
        return p;
    }

    @Test
    void malformed_json_is_a_400_listing_the_errors() {
        long before = events.count();

        Api.Response r = api.post(CARDS, citizen, "{\"participantId\": ");

        JsonNode p = problem(r, 400, "request.invalid");
        assertThat(p.path("errors").isArray()).as(r.toString()).isTrue();
        assertThat(p.path("errors")).isNotEmpty();
        assertThat(p.path("errors").get(0).path("field").asText()).isNotBlank();
        assertThat(p.path("errors").get(0).path("message").asText()).isNotBlank();
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_field_of_the_wrong_json_type_is_a_400_too() {
        long before = events.count();

        Api.Response r = api.post(CARDS, citizen, "[1, 2, 3]");

        JsonNode p = problem(r, 400, "request.invalid");
        assertThat(p.path("errors").isArray()).isTrue();
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_body_that_is_not_json_is_a_415() {
        long before = events.count();

        Api.Response r = api.send("POST", CARDS, citizen, "participantId=someone", "text/plain", Map.of());

        problem(r, 415, "request.unsupported-media-type");
        Api.Response form = api.send("POST", CARDS, citizen, "participantId=someone",
                "application/x-www-form-urlencoded", Map.of());
        problem(form, 415, "request.unsupported-media-type");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_declared_body_over_64_kib_is_a_413() {
        long before = events.count();

        Api.Response r = api.post(CARDS, citizen, jsonWithValueOfSize(LIMIT + 1));

        problem(r, 413, "request.too-large");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_body_of_exactly_64_kib_is_let_through() {
        Api.Response r = api.post(UNKNOWN_CARD_CANCEL, citizen, jsonOfSize(LIMIT));

        // it reaches the endpoint, which does not know the card
        problem(r, 404, "card.not-found");
    }

    @Test
    void a_chunked_body_growing_over_64_kib_is_a_413() {
        long before = events.count();

        HttpResponse<String> r = sendChunked(CARDS, jsonWithValueOfSize(LIMIT + 1024), Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"code\":\"request.too-large\"");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_chunked_body_over_64_kib_is_a_413_even_when_its_json_ends_early() {
        long before = events.count();

        // a complete JSON object followed by white space: the body is over the limit all the same
        HttpResponse<String> r = sendChunked(CARDS, jsonOfSize(LIMIT + 1024), Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("\"code\":\"request.too-large\"");
        assertThat(events.count()).as("events written for a refused body").isEqualTo(before);
    }

    @Test
    void a_chunked_body_with_an_idempotency_key_growing_over_64_kib_is_a_413() {
        long before = events.count();

        HttpResponse<String> r = sendChunked(CARDS, jsonWithValueOfSize(LIMIT + 1024),
                Map.of("Idempotency-Key", "errors-big-1"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("\"code\":\"request.too-large\"");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_small_chunked_body_is_read_normally() {
        HttpResponse<String> r = sendChunked(UNKNOWN_CARD_CANCEL, jsonOfSize(2048), Map.of());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(404);
        assertThat(r.body()).contains("\"code\":\"card.not-found\"");
    }

    @Test
    void an_unknown_path_is_a_404_problem() {
        problem(api.get("/api/v1/no-such-resource", citizen), 404, "request.not-found");
        problem(api.get("/api/v1/stats/no-such-statistic", null), 404, "request.not-found");
    }

    @Test
    void a_wrong_method_is_a_405_problem() {
        long before = events.count();

        problem(api.send("PUT", CARDS + "/me", citizen, "{}", "application/json", Map.of()), 405,
                "request.method-not-allowed");
        problem(api.send("DELETE", CARDS, citizen, null, null, Map.of()), 405, "request.method-not-allowed");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_405_names_the_methods_that_are_allowed() {
        // RFC 9110, 15.5.6: the origin server MUST generate an Allow header field in a 405 response
        Api.Response r = api.send("PUT", CARDS + "/me", citizen, "{}", "application/json", Map.of());

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).as("Allow header of " + r).isNotNull().contains("GET");
    }

    @Test
    void an_unexpected_failure_is_a_500_with_a_correlation_id_found_in_the_log_and_nothing_internal(
            CapturedOutput output) {
        long before = events.count();

        Api.Response r = api.get(FailingTestController.PATH, citizen);

        JsonNode p = problem(r, 500, "server.error");
        String correlationId = p.path("correlationId").asText();
        assertThat(correlationId).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(p.path("detail").asText()).contains(correlationId);
        assertThat(r.body())
                .doesNotContain("Exception")
                .doesNotContain("fr.paris")
                .doesNotContain("java.")
                .doesNotContain("SELECT")
                .doesNotContain("secret")
                .doesNotContain("\tat ")
                .doesNotContain("trace");
        // the operators, on the other hand, find the failure and its cause under that id
        String log = output.getAll();
        assertThat(log).contains(correlationId);
        String fromId = log.substring(log.indexOf(correlationId));
        assertThat(fromId).contains("IllegalStateException").contains(FailingTestController.SECRET_MESSAGE);
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void the_failing_endpoint_still_requires_a_token() {
        problem(api.get(FailingTestController.PATH, null), 401, "auth.unauthenticated");
    }

    // ---- issue 14, the outside probe

    @Test
    void a_token_that_never_expires_or_lives_too_long_or_whose_sub_holds_a_control_character_is_a_401() {
        var tokens = fr.paris.ledger.application.support.HostileTokens.refused();
        for (String name : new String[] {"no expiry", "expiry in 100 years", "13 hours long", "sub with a CR", "sub with a LF",
                "sub with a TAB"}) {
            assertThat(tokens).containsKey(name);
            problem(api.get(CARDS + "/me", tokens.get(name)), 401, "auth.unauthenticated");
        }
    }

    @Test
    void an_rfc_9068_access_token_typed_at_jwt_is_accepted() {
        Api.Response r = api.get(CARDS + "/me", fr.paris.ledger.application.support.HostileTokens.accessToken("errors-at-jwt",
                "CITIZEN"));
        // authenticated: the caller simply holds no card
        problem(r, 404, "card.not-found");
    }

    @Test
    void a_body_repeating_a_key_is_a_400_and_writes_nothing() {
        long before = events.count();

        Api.Response r = api.post("/api/v1/petitions", citizen,
                "{\"title\":\"Duplicate keys\",\"text\":\"a\",\"text\":\"b\"}");

        JsonNode p = problem(r, 400, "request.invalid");
        assertThat(p.path("errors").isArray()).as(r.toString()).isTrue();
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_string_where_an_integer_is_expected_is_a_400_and_writes_nothing() {
        long before = events.count();

        Api.Response year = api.post("/api/v1/budget/campaigns", Tokens.withRoles("errors-admin", "ADMIN"),
                "{\"year\":\"2031\",\"parisWideEnvelopeCents\":1000000,\"arrondissementEnvelopesCents\":{\"1\":5}}");
        Api.Response arrondissement = api.post("/api/v1/petitions", citizen,
                "{\"title\":\"Strings for numbers\",\"text\":\"a\",\"arrondissement\":\"11\"}");

        assertThat(problem(year, 400, "request.invalid").path("errors").get(0).path("field").asText()).isEqualTo("year");
        assertThat(problem(arrondissement, 400, "request.invalid").path("errors").get(0).path("field").asText())
                .isEqualTo("arrondissement");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void the_error_path_asked_for_directly_is_a_404_problem() {
        problem(api.get("/error", null), 404, "request.not-found");
        problem(api.get("/error", citizen), 404, "request.not-found");
        problem(api.send("POST", "/error", citizen, "{}", "application/json", Map.of()), 404, "request.not-found");
    }

    /** A JSON body of exactly {@code size} bytes, most of them in one string value. */
    private static String jsonWithValueOfSize(int size) {
        String head = "{\"channel\":\"";
        String tail = "\"}";
        return head + "x".repeat(size - head.length() - tail.length()) + tail;
    }

    /** A valid JSON body of exactly {@code size} bytes: a short object padded with white space. */
    private static String jsonOfSize(int size) {
        String json = "{\"reason\":\"moved\"}";
        return json + " ".repeat(size - json.length());
    }

    /**
     * Sends {@code body} with chunked transfer encoding (no Content-Length): a publisher of unknown
     * length over HTTP/1.1.
     */
    private HttpResponse<String> sendChunked(String path, String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + citizen)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        headers.forEach(request::header);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("request failed: POST " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
