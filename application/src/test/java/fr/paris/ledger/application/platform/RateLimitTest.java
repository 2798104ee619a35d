package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The rate limits on writes (ADR 011), with small limits: 3 writes per participant per 3 s, 6 per
 * staff member per minute, 10 per address per second.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = {
    "ledger.rate-limits.per-participant.requests=3",
    "ledger.rate-limits.per-participant.period=PT3S",
    "ledger.rate-limits.per-staff.requests=6",
    "ledger.rate-limits.per-staff.period=PT1M",
    "ledger.rate-limits.per-address.requests=10",
    "ledger.rate-limits.per-address.period=PT1S",
})
class RateLimitTest {
    private static final String PETITION = "{\"title\":\"Rate limits\",\"text\":\"A petition\"}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventLog events;

    @BeforeEach
    void setUp() throws InterruptedException {
        api = new Api(port);
        events = new EventLog(jdbc);
        Thread.sleep(1_100); // the address's bucket is full again
    }

    private Api.Response file(String sub) {
        return api.post("/api/v1/petitions", Tokens.citizen(sub, "1980-01-01", "75011"), PETITION);
    }

    private void assertLimited(Api.Response r, long eventsBefore) {
        assertThat(r.status()).as(r.toString()).isEqualTo(429);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("request.rate-limited");
        assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 3L);
        assertThat(events.count()).as("events written by a limited request").isEqualTo(eventsBefore);
    }

    /** Writes as {@code sub} until one is refused (the bucket refills while they run: on a busy machine a few more pass). */
    private Api.Response untilLimited(String sub) {
        for (int i = 0; i < 20; i++) {
            long before = events.count();
            Api.Response r = file(sub);
            if (r.status() == 429) {
                assertLimited(r, before);
                assertThat(i).as("writes let through before the limit").isGreaterThanOrEqualTo(3);
                return r;
            }
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
        }
        throw new AssertionError("20 writes of one participant and none refused");
    }

    @Test
    void a_participant_over_the_limit_gets_a_429_with_retry_after_and_writes_nothing_while_another_is_unaffected() {
        untilLimited("rate-eager");

        assertThat(file("rate-other").status()).isEqualTo(201);
    }

    @Test
    void the_limit_resets_as_the_bucket_refills() {
        untilLimited("rate-patient");

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> file("rate-patient").status() == 201);
    }

    @Test
    void an_address_over_its_limit_gets_a_429_even_without_a_token_and_whatever_its_x_forwarded_for() {
        long before = events.count();
        List<Api.Response> responses = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            responses.add(api.send("POST", "/api/v1/petitions", null, PETITION, "application/json",
                    Map.of("X-Forwarded-For", "198.51.100." + i)));
        }

        assertThat(responses).extracting(Api.Response::status).containsOnly(401, 429).contains(429);
        assertLimited(responses.stream().filter(r -> r.status() == 429).findFirst().orElseThrow(), before);
    }

    private Api.Response createCampaign(String admin, int year) {
        return api.post("/api/v1/budget/campaigns", admin, fr.paris.ledger.application.support.Hostile.campaign(year));
    }

    @Test
    void city_staff_have_a_limit_of_their_own_larger_than_a_citizens_but_not_endless() throws InterruptedException {
        String admin = Tokens.withRoles("rate-admin", "ADMIN");
        int year = 2040;
        for (; year < 2046; year++) {
            Thread.sleep(110); // under the address's 10 a second
            Api.Response r = createCampaign(admin, year);
            assertThat(r.status()).as("write %d of one admin (a citizen's limit is 3, staff's 6): %s", year - 2039, r)
                    .isEqualTo(201);
        }
        long before = events.count();
        Api.Response refused = createCampaign(admin, year);
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("request.rate-limited");
        assertThat(refused.json().path("detail").asText()).contains("staff member");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
        assertThat(events.count()).as("events written by a limited request").isEqualTo(before);

        // another staff member has a bucket of their own; a citizen's limit is unchanged by staff buckets
        assertThat(createCampaign(Tokens.withRoles("rate-admin-2", "ADMIN"), year).status()).isEqualTo(201);
        Thread.sleep(1_100); // the address's bucket is full again
        untilLimited("rate-citizen-after-staff");
    }

    @Test
    void reads_are_not_limited() {
        for (int i = 0; i < 30; i++) {
            assertThat(api.get("/api/v1/petitions", null).status()).isEqualTo(200);
        }
    }
}
