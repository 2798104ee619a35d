package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.shared.ParisCalendar;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Operating the read models: each projection's position and lag, and a rebuild from the first event. */
@LedgerIntegrationTest
class ProjectionAdminTest {
    private static final String CARDS = "/api/v1/citizen-cards";
    private static final String STATS = "/api/v1/stats/citizen-cards";
    private static final String PROJECTIONS = "/api/v1/admin/projections";
    private static final String CITIZEN_CARDS = "citizen-cards";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    EventProcessingConfiguration processing;

    Api api;
    EventLog events;
    String admin;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventLog(jdbc);
        admin = Tokens.withRoles("projections-admin", "ADMIN");
    }

    private String bornYearsAgo(int years) {
        return ParisCalendar.today(clock).minusYears(years).toString();
    }

    private static <T> T eventually(Supplier<T> read, Predicate<T> until) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(read::get, until::test);
    }

    private JsonNode citizenCards() {
        Api.Response r = api.get(PROJECTIONS, admin);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        for (JsonNode p : r.json()) {
            if (CITIZEN_CARDS.equals(p.path("name").asText())) {
                return p;
            }
        }
        throw new AssertionError("no projection " + CITIZEN_CARDS + " in " + r);
    }

    private JsonNode stats() {
        Api.Response r = api.get(STATS, null);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    private String issue(String sub, int age, String postalCode) {
        Api.Response r = api.post(CARDS, Tokens.citizen(sub, bornYearsAgo(age), postalCode), "{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("cardNumber").asText();
    }

    @Test
    void the_list_shows_each_projection_with_its_position_and_a_lag_that_falls_to_zero() {
        issue("admin-list-1", 30, "75003");
        issue("admin-list-2", 62, "75015");
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);

        JsonNode p = eventually(this::citizenCards, x -> x.path("lag").asLong() == 0);

        for (String field : List.of("name", "running", "error", "position", "head", "lag")) {
            assertThat(p.has(field)).as("field " + field + " of " + p).isTrue();
        }
        assertThat(p.path("running").asBoolean()).isTrue();
        assertThat(p.path("error").asBoolean()).isFalse();
        assertThat(p.path("head").asLong()).isGreaterThanOrEqualTo(head);
        assertThat(p.path("position").asLong()).isEqualTo(p.path("head").asLong());
    }

    @Test
    void a_replay_is_accepted_and_rebuilds_the_table_to_the_same_statistics() {
        eventually(this::citizenCards, x -> x.path("lag").asLong() == 0);
        JsonNode initial = stats();
        int initialRows = rows().size();
        issue("admin-replay-1", 25, "75001");
        issue("admin-replay-2", 40, "75011");
        issue("admin-replay-3", 55, "75011");
        issue("admin-replay-4", 80, "75020");
        String moving = Tokens.citizen("admin-replay-5", bornYearsAgo(35), "75005");
        String moved = api.post(CARDS, moving, "{}").json().path("cardNumber").asText();
        assertThat(api.post(CARDS + "/" + moved + "/residence", moving, "{\"postalCode\":\"75018\"}").status())
                .isEqualTo(200);
        String leaving = Tokens.citizen("admin-replay-6", bornYearsAgo(45), "75006");
        String cancelled = api.post(CARDS, leaving, "{}").json().path("cardNumber").asText();
        assertThat(api.post(CARDS + "/" + cancelled + "/cancel", leaving, "{}").status()).isEqualTo(200);
        long eventsBefore = events.count();
        eventually(this::citizenCards, x -> x.path("lag").asLong() == 0);
        JsonNode before = stats();
        assertThat(before.path("active").asLong()).isEqualTo(initial.path("active").asLong() + 5);
        // issued in the 1st, 11th (two), 20th, 5th (moved to the 18th) and 6th (cancelled)
        Map<String, Integer> added = Map.of("1", 1, "11", 2, "20", 1, "18", 1, "5", 0, "6", 0);
        added.forEach((arrondissement, n) -> assertThat(before.path("byArrondissement").path(arrondissement).asLong())
                .as("arrondissement " + arrondissement)
                .isEqualTo(initial.path("byArrondissement").path(arrondissement).asLong() + n));
        List<String> rowsBefore = rows();
        assertThat(rowsBefore).hasSize(initialRows + 6);

        // take the table away behind the projection's back: only a replay can bring it back
        jdbc.update("DELETE FROM citizen_card");
        assertThat(stats().path("active").asLong()).isZero();

        Api.Response r = api.post(PROJECTIONS + "/" + CITIZEN_CARDS + "/replay", admin, "{}");

        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().path("projection").asText()).isEqualTo(CITIZEN_CARDS);
        JsonNode after = eventually(this::stats, s -> s.equals(before));
        assertThat(after).isEqualTo(before);
        assertThat(eventually(this::rows, rows -> rows.size() == rowsBefore.size())).isEqualTo(rowsBefore);
        JsonNode status = eventually(this::citizenCards, x -> x.path("lag").asLong() == 0);
        assertThat(status.path("running").asBoolean()).isTrue();
        assertThat(status.path("error").asBoolean()).isFalse();
        assertThat(events.count()).as("a replay writes no event").isEqualTo(eventsBefore);
    }

    @Test
    void the_projection_keeps_following_the_log_after_a_replay() {
        issue("admin-follow-1", 33, "75009");
        eventually(this::citizenCards, x -> x.path("lag").asLong() == 0);
        assertThat(api.post(PROJECTIONS + "/" + CITIZEN_CARDS + "/replay", admin, "{}").status()).isEqualTo(202);
        eventually(this::citizenCards, x -> x.path("lag").asLong() == 0);
        long ninthBefore = stats().path("byArrondissement").path("9").asLong();

        issue("admin-follow-2", 33, "75009");

        eventually(this::stats, s -> s.path("byArrondissement").path("9").asLong() == ninthBefore + 1);
    }

    @Test
    void replaying_an_unknown_projection_is_not_found() {
        Api.Response r = api.post(PROJECTIONS + "/no-such-projection/replay", admin, "{}");

        assertThat(r.status()).as(r.toString()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.code()).isEqualTo("projection.not-found");
    }

    @Test
    void the_citizen_cards_projection_runs_on_a_pooled_streaming_processor() {
        Optional<EventProcessor> processor = processing.eventProcessor(CITIZEN_CARDS);

        assertThat(processor).get().isInstanceOf(PooledStreamingEventProcessor.class);
    }

    private List<String> rows() {
        return jdbc.queryForList("""
                SELECT concat_ws('|', card_id, participant_id, status, arrondissement, age_band,
                                 channel, issued_at, cancelled_at, cancellation)
                FROM citizen_card ORDER BY card_id""", String.class);
    }
}
