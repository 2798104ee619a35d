package fr.paris.ledger.application.conventions;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.privacy.SubjectKeys;
import java.util.ArrayList;
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

/** A retried request with the same Idempotency-Key returns the first response and writes nothing. */
@LedgerIntegrationTest
class IdempotencyTest {
    private static final String CARDS = "/api/v1/citizen-cards";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SubjectKeys subjects;

    Api api;
    EventLog events;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventLog(jdbc);
    }

    @Test
    void a_replay_returns_the_first_response_and_writes_one_event_only() {
        String token = Tokens.citizen("idem-alice", "1990-01-01", "75011");
        long before = events.count();

        Api.Response first = api.post(CARDS, token, "{}", "key-1");
        Api.Response second = api.post(CARDS, token, "{}", "key-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.contentType()).isEqualTo(first.contentType());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(events.count()).isEqualTo(before + 1);
        // kept under the keyed hash of the sub, never the sub itself
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE principal = ?", Long.class,
                subjects.lookupHex("idem-alice"))).as("kept in PostgreSQL, so it survives a restart").isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE principal LIKE '%idem-alice%'", Long.class))
                .isZero();
    }

    @Test
    void without_a_key_a_second_request_is_a_new_act() {
        String token = Tokens.citizen("idem-nokey", "1990-01-01", "75011");
        assertThat(api.post(CARDS, token, "{}").status()).isEqualTo(201);
        assertThat(api.post(CARDS, token, "{}").code()).isEqualTo("card.already-held");
    }

    @Test
    void a_refusal_is_replayed_too() {
        String token = Tokens.citizen("idem-young", "2024-01-01", "75011");
        Api.Response first = api.post(CARDS, token, "{}", "key-young");
        Api.Response second = api.post(CARDS, token, "{}", "key-young");
        assertThat(first.code()).isEqualTo("card.too-young");
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void the_same_key_from_another_principal_is_another_request() {
        Api.Response a = api.post(CARDS, Tokens.citizen("idem-p1", "1990-01-01", "75001"), "{}", "shared-key");
        Api.Response b = api.post(CARDS, Tokens.citizen("idem-p2", "1990-01-01", "75002"), "{}", "shared-key");
        assertThat(a.status()).isEqualTo(201);
        assertThat(b.status()).isEqualTo(201);
        assertThat(b.json().path("cardNumber").asText()).isNotEqualTo(a.json().path("cardNumber").asText());
        assertThat(b.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void the_same_key_with_another_request_is_refused_and_writes_nothing() {
        String agent = Tokens.withRoles("idem-agent", "AGENT");
        String body1 = "{\"participantId\":\"idem-x\",\"birthdate\":\"1990-01-01\",\"postalCode\":\"75001\",\"channel\":\"TOWN_HALL\"}";
        String body2 = "{\"participantId\":\"idem-y\",\"birthdate\":\"1990-01-01\",\"postalCode\":\"75001\",\"channel\":\"TOWN_HALL\"}";
        assertThat(api.post(CARDS, agent, body1, "agent-key").status()).isEqualTo(201);
        long before = events.count();
        Api.Response reused = api.post(CARDS, agent, body2, "agent-key");
        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency.key-reused");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void simultaneous_retries_with_one_key_act_once() throws Exception {
        String token = Tokens.citizen("idem-rush", "1990-01-01", "75011");
        long before = events.count();
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return api.post(CARDS, token, "{}", "rush-key");
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (var f : futures) {
                responses.add(f.get());
            }
            // the retries wait for the first request's transaction, then get its answer: all ten are the
            // one 201 (one first, nine replayed), none "in progress" (ADR 004)
            assertThat(responses).extracting(Api.Response::status).containsOnly(201);
            assertThat(responses.stream().filter(r -> "true".equals(r.header("Idempotent-Replayed")))).hasSize(9);
            assertThat(responses.stream().map(r -> r.json().path("cardNumber").asText()).distinct()).hasSize(1);
            assertThat(responses.stream().map(r -> r.json().path("receipt").path("eventId").asText()).distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(events.count()).isEqualTo(before + 1);
        Api.Response retried = api.post(CARDS, token, "{}", "rush-key");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
    }

    // ---- issue 14: a replay passes the same authorization as the request would

    private static String council(String id) {
        return "{\"councilId\":\"" + id + "\",\"name\":\"Idempotent council\",\"seats\":1,\"residentsOnly\":true,"
                + "\"quotas\":{\"F\":1},\"mandateMonths\":12,\"renewable\":true}";
    }

    @Test
    void a_key_used_with_admin_and_retried_with_citizen_only_gets_the_403_the_request_would_get() {
        String body = council("idem-roles");
        Api.Response first = api.post("/api/v1/councils", Tokens.withRoles("idem-roles", "ADMIN"), body, "roles-key");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        long before = events.count();

        Api.Response retried = api.post("/api/v1/councils", Tokens.withRoles("idem-roles", "CITIZEN"), body, "roles-key");

        assertThat(retried.status()).as(retried.toString()).isEqualTo(403);
        assertThat(retried.code()).isEqualTo("auth.forbidden");
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(retried.body()).doesNotContain(first.json().path("receipt").path("eventId").asText());
        assertThat(events.count()).isEqualTo(before);
        // with the first roles it is still a replay
        Api.Response again = api.post("/api/v1/councils", Tokens.withRoles("idem-roles", "ADMIN"), body, "roles-key");
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
    }

    @Test
    void a_key_retried_with_other_roles_that_the_endpoint_allows_is_refused_and_runs_nothing() {
        String body = council("idem-more-roles");
        assertThat(api.post("/api/v1/councils", Tokens.withRoles("idem-more", "ADMIN"), body, "more-key").status())
                .isEqualTo(201);
        long before = events.count();

        Api.Response retried = api.post("/api/v1/councils", Tokens.withRoles("idem-more", "ADMIN", "CITIZEN"), body, "more-key");

        assertRefusedAsReusedAndNothingRun(retried, before);
    }

    /** 422 idempotency.key-reused: neither the stored answer nor a new act. */
    private void assertRefusedAsReusedAndNothingRun(Api.Response retried, long eventsBefore) {
        assertThat(retried.status()).as(retried.toString()).isEqualTo(422);
        assertThat(retried.code()).isEqualTo("idempotency.key-reused");
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(events.count()).isEqualTo(eventsBefore);
    }

    @Test
    void a_cancellation_by_an_agent_is_not_replayed_to_the_same_sub_as_a_mere_citizen() {
        // the endpoint allows CITIZEN or AGENT, then checks in its body that a citizen is the holder
        String holder = Tokens.citizen("idem-holder", "1990-01-01", "75011");
        String card = api.post(CARDS, holder, "{}").json().path("cardNumber").asText();
        String path = CARDS + "/" + card + "/cancel";
        Api.Response byAgent = api.post(path, Tokens.token("idem-staff", List.of("AGENT", "CITIZEN"), null, null),
                "{\"reason\":\"lost\"}", "cancel-key");
        assertThat(byAgent.status()).as(byAgent.toString()).isEqualTo(200);
        long before = events.count();

        Api.Response byCitizen = api.post(path, Tokens.citizen("idem-staff", "1990-01-01", "75011"), "{\"reason\":\"lost\"}",
                "cancel-key");

        // @PreAuthorize lets a CITIZEN through, so the retry reaches the endpoint's guard: not replayed, not run
        assertRefusedAsReusedAndNothingRun(byCitizen, before);
    }

    @Test
    void a_key_longer_than_255_characters_is_invalid() {
        Api.Response r = api.send("POST", CARDS, Tokens.citizen("idem-long", "1990-01-01", "75011"), "{}",
                "application/json", Map.of("Idempotency-Key", "k".repeat(256)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("request.invalid");
    }
}
