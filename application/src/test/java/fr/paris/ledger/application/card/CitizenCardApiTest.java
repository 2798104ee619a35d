package fr.paris.ledger.application.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.References;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.shared.ParisCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every citizen-card endpoint over HTTP on PostgreSQL, with each refusal code. */
@LedgerIntegrationTest
class CitizenCardApiTest {
    private static final String CARDS = "/api/v1/citizen-cards";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    Participants participants;

    Api api;
    EventLog events;
    References references;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventLog(jdbc);
        references = new References(participants);
    }

    private String payload(Api.Response act) {
        return jdbc.queryForObject("SELECT payload::text FROM event_log WHERE event_identifier = ?", String.class,
                act.json().path("receipt").path("eventId").asText());
    }

    private LocalDate today() {
        return ParisCalendar.today(clock);
    }

    private String bornYearsAgo(int years) {
        return today().minusYears(years).toString();
    }

    private JsonNode stats() {
        return api.get("/api/v1/stats/citizen-cards", null).json();
    }

    private static <T> T eventually(Supplier<T> read, java.util.function.Predicate<T> until) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).until(read::get, until::test);
    }

    @Test
    void a_parisian_gets_a_card_sees_it_and_the_statistics_count_it() {
        String token = Tokens.citizen("card-alice", bornYearsAgo(35), "75011");
        long before = events.count();

        Api.Response issued = api.post(CARDS, token, "{}");

        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        JsonNode card = issued.json();
        assertThat(card.path("cardNumber").asText()).matches("CC-[0-9A-Z]{10}");
        assertThat(card.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(card.path("arrondissement").asInt()).isEqualTo(11);
        assertThat(card.path("ageBand").asText()).isEqualTo("30-44");
        assertThat(card.has("postalCode")).isFalse();
        assertThat(card.path("issuedAt").asText()).isEqualTo(clock.instant().toString());
        assertThat(card.path("receipt").path("eventId").asText()).isNotBlank();
        long globalIndex = card.path("receipt").path("globalIndex").asLong();
        assertThat(jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry WHERE global_index = ?",
                String.class, globalIndex)).isEqualTo(card.path("receipt").path("eventId").asText());
        assertThat(events.count()).isEqualTo(before + 1);
        // the event names the holder by their card reference; the number shown to them is in no event
        assertThat(payload(issued)).contains("\"participantId\": \"" + references.of("card-alice", ReferenceScope.card()) + "\"")
                .contains("\"ageBand\": \"30-44\"").doesNotContain("card-alice").doesNotContain("75011")
                .doesNotContain(card.path("cardNumber").asText()).doesNotContain(bornYearsAgo(35)).doesNotContain("birth");

        Api.Response mine = eventually(() -> api.get(CARDS + "/me", token), r -> r.status() == 200);
        assertThat(mine.json().path("cardNumber").asText()).isEqualTo(card.path("cardNumber").asText());
        assertThat(mine.json().path("status").asText()).isEqualTo("ACTIVE");

        JsonNode stats = stats();
        assertThat(stats.path("active").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("byArrondissement").path("11").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(stats.path("byAgeBand").path("30-44").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void statistics_cover_every_arrondissement_and_age_band_and_follow_issues_and_cancellations() {
        JsonNode before = stats();
        assertThat(before.path("byArrondissement").size()).isEqualTo(20);
        assertThat(before.path("byAgeBand").fieldNames()).toIterable()
                .containsExactly("7-14", "15-29", "30-44", "45-59", "60-74", "75+");

        String child = Tokens.citizen("card-child", bornYearsAgo(8), "75020");
        String senior = Tokens.citizen("card-senior", bornYearsAgo(80), "75116");
        assertThat(api.post(CARDS, child, "{}").status()).isEqualTo(201);
        String seniorCard = api.post(CARDS, senior, "{}").json().path("cardNumber").asText();

        JsonNode after = eventually(this::stats, s -> s.path("active").asLong() == before.path("active").asLong() + 2);
        assertThat(after.path("byArrondissement").path("20").asLong())
                .isEqualTo(before.path("byArrondissement").path("20").asLong() + 1);
        assertThat(after.path("byArrondissement").path("16").asLong())
                .isEqualTo(before.path("byArrondissement").path("16").asLong() + 1);
        assertThat(after.path("byAgeBand").path("7-14").asLong()).isEqualTo(before.path("byAgeBand").path("7-14").asLong() + 1);
        assertThat(after.path("byAgeBand").path("75+").asLong()).isEqualTo(before.path("byAgeBand").path("75+").asLong() + 1);

        assertThat(api.post(CARDS + "/" + seniorCard + "/cancel", senior, "{}").status()).isEqualTo(200);
        JsonNode end = eventually(this::stats, s -> s.path("active").asLong() == before.path("active").asLong() + 1);
        assertThat(end.path("byAgeBand").path("75+").asLong()).isEqualTo(before.path("byAgeBand").path("75+").asLong());
    }

    @Test
    void refuses_a_child_under_seven_and_writes_nothing() {
        long before = events.count();
        String almostSeven = today().minusYears(7).plusDays(1).toString();
        Api.Response r = api.post(CARDS, Tokens.citizen("card-young", almostSeven, "75003"), "{}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("card.too-young");
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_child_of_exactly_seven_gets_a_card() {
        Api.Response r = api.post(CARDS, Tokens.citizen("card-seven", bornYearsAgo(7), "75003"), "{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
    }

    @Test
    void refuses_someone_living_outside_paris_and_writes_nothing() {
        long before = events.count();
        Api.Response r = api.post(CARDS, Tokens.citizen("card-boulogne", bornYearsAgo(30), "92100"), "{}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("card.not-resident");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void refuses_a_token_without_postal_code_or_birthdate() {
        Api.Response noPostal = api.post(CARDS, Tokens.citizen("card-nopostal", bornYearsAgo(30), null), "{}");
        assertThat(noPostal.status()).isEqualTo(422);
        assertThat(noPostal.code()).isEqualTo("card.not-resident");
        Api.Response noBirth = api.post(CARDS, Tokens.citizen("card-nobirth", null, "75001"), "{}");
        assertThat(noBirth.status()).isEqualTo(422);
        assertThat(noBirth.code()).isEqualTo("identity.birthdate-missing");
    }

    @Test
    void refuses_a_second_active_card_and_writes_nothing() {
        String token = Tokens.citizen("card-twice", bornYearsAgo(40), "75015");
        assertThat(api.post(CARDS, token, "{}").status()).isEqualTo(201);
        long before = events.count();
        Api.Response again = api.post(CARDS, token, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("card.already-held");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void an_agent_requests_a_card_on_someones_behalf_recording_the_channel() {
        String agent = Tokens.withRoles("agent-town-hall", "AGENT");
        Api.Response r = api.post(CARDS, agent, """
                {"participantId":"card-phone-user","birthdate":"%s","postalCode":"75019","channel":"PHONE_3975"}"""
                .formatted(bornYearsAgo(70)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("channel").asText()).isEqualTo("PHONE_3975");
        assertThat(r.json().path("arrondissement").asInt()).isEqualTo(19);
        assertThat(r.json().path("ageBand").asText()).isEqualTo("60-74");
        // the agent by their staff reference, the person by the reference derived from the sub the agent gave
        assertThat(payload(r)).contains("\"requestedBy\": \"" + references.staff("agent-town-hall") + "\"")
                .contains("\"participantId\": \"" + references.of("card-phone-user", ReferenceScope.card()) + "\"")
                .contains("\"channel\": \"PHONE_3975\"")
                .doesNotContain("agent-town-hall").doesNotContain("card-phone-user").doesNotContain("75019")
                .doesNotContain(r.json().path("cardNumber").asText());

        Api.Response own = eventually(() -> api.get(CARDS + "/me", Tokens.citizen("card-phone-user", null, null)),
                x -> x.status() == 200);
        assertThat(own.json().path("channel").asText()).isEqualTo("PHONE_3975");
    }

    @Test
    void an_agent_request_with_bad_fields_lists_each_of_them_and_writes_nothing() {
        long before = events.count();
        Api.Response r = api.post(CARDS, Tokens.withRoles("agent-x", "AGENT"),
                "{\"participantId\":\"someone\",\"birthdate\":\"17/05/1990\",\"postalCode\":\"7501\",\"channel\":\"FAX\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.code()).isEqualTo("request.invalid");
        assertThat(r.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("birthdate", "postalCode", "channel");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void only_an_agent_asks_for_someone_else() {
        Api.Response r = api.post(CARDS, Tokens.citizen("card-sneaky", bornYearsAgo(30), "75001"),
                "{\"participantId\":\"someone-else\",\"birthdate\":\"1990-01-01\",\"postalCode\":\"75001\",\"channel\":\"TOWN_HALL\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("auth.forbidden");
    }

    @Test
    void without_a_card_me_is_not_found() {
        Api.Response r = api.get(CARDS + "/me", Tokens.citizen("card-nobody", bornYearsAgo(30), "75001"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("card.not-found");
    }

    @Test
    void the_holder_cancels_and_may_then_get_a_new_card() {
        String token = Tokens.citizen("card-cancel", bornYearsAgo(25), "75010");
        String number = api.post(CARDS, token, "{}").json().path("cardNumber").asText();

        Api.Response cancelled = api.post(CARDS + "/" + number + "/cancel", token, "{\"reason\":\"lost\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancelled.json().path("receipt").path("globalIndex").asLong()).isPositive();

        Api.Response again = api.post(CARDS + "/" + number + "/cancel", token, "{}");
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.code()).isEqualTo("card.not-found");

        Api.Response mine = eventually(() -> api.get(CARDS + "/me", token), r -> "CANCELLED".equals(r.json().path("status").asText()));
        assertThat(mine.json().path("cancelledAt").asText()).isNotBlank();

        Api.Response renewed = api.post(CARDS, token, "{}");
        assertThat(renewed.status()).isEqualTo(201);
        assertThat(renewed.json().path("cardNumber").asText()).isNotEqualTo(number);
    }

    @Test
    void cancelling_a_card_one_does_not_hold_is_not_found() {
        String holder = Tokens.citizen("card-holder-1", bornYearsAgo(25), "75010");
        String number = api.post(CARDS, holder, "{}").json().path("cardNumber").asText();
        String other = Tokens.citizen("card-other-1", bornYearsAgo(25), "75010");
        long before = events.count();

        assertThat(api.post(CARDS + "/" + number + "/cancel", other, "{}").code()).isEqualTo("card.not-found");
        assertThat(api.post(CARDS + "/CC-0000000000/cancel", holder, "{}").code()).isEqualTo("card.not-found");
        assertThat(api.post(CARDS + "/not-a-card/cancel", holder, "{}").status()).isEqualTo(404);
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void an_agent_cancels_a_citizens_card() {
        String holder = Tokens.citizen("card-agent-cancel", bornYearsAgo(50), "75012");
        String number = api.post(CARDS, holder, "{}").json().path("cardNumber").asText();
        eventually(() -> api.get(CARDS + "/me", holder), r -> r.status() == 200);

        Api.Response r = api.post(CARDS + "/" + number + "/cancel", Tokens.withRoles("agent-cancel", "AGENT"),
                "{\"reason\":\"requested at the town hall\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(payload(r)).contains("\"cause\": \"BY_AGENT\"")
                .contains("\"cancelledBy\": \"" + references.staff("agent-cancel") + "\"")
                .contains("\"participantId\": \"" + references.of("card-agent-cancel", ReferenceScope.card()) + "\"")
                .doesNotContain("agent-cancel").doesNotContain(number);
        eventually(() -> api.get(CARDS + "/me", holder), x -> "CANCELLED".equals(x.json().path("status").asText()));
    }

    @Test
    void moving_within_paris_updates_the_arrondissement_and_moving_out_cancels() {
        String token = Tokens.citizen("card-mover", bornYearsAgo(33), "75001");
        String number = api.post(CARDS, token, "{}").json().path("cardNumber").asText();

        Api.Response moved = api.post(CARDS + "/" + number + "/residence", token, "{\"postalCode\":\"75018\"}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(moved.json().path("arrondissement").asInt()).isEqualTo(18);
        eventually(() -> api.get(CARDS + "/me", token), r -> r.json().path("arrondissement").asInt() == 18);

        Api.Response left = api.post(CARDS + "/" + number + "/residence", token, "{\"postalCode\":\"13001\"}");
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(left.json().path("arrondissement").isNull()).isTrue();
        eventually(() -> api.get(CARDS + "/me", token), r -> "CANCELLED".equals(r.json().path("status").asText()));

        Api.Response afterwards = api.post(CARDS + "/" + number + "/residence", token, "{\"postalCode\":\"75002\"}");
        assertThat(afterwards.status()).isEqualTo(404);
        assertThat(afterwards.code()).isEqualTo("card.not-found");
    }

    @Test
    void a_residence_change_needs_a_well_formed_postal_code() {
        String token = Tokens.citizen("card-badpostal", bornYearsAgo(33), "75001");
        String number = api.post(CARDS, token, "{}").json().path("cardNumber").asText();
        long before = events.count();
        Api.Response r = api.post(CARDS + "/" + number + "/residence", token, "{\"postalCode\":\"Paris\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").get(0).path("field").asText()).isEqualTo("postalCode");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void statistics_are_public_and_acts_need_a_token() {
        assertThat(api.get("/api/v1/stats/citizen-cards", null).status()).isEqualTo(200);
        Api.Response anonymous = api.post(CARDS, null, "{}");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("auth.unauthenticated");
        assertThat(api.get(CARDS + "/me", null).status()).isEqualTo(401);
        assertThat(api.post(CARDS, Tokens.forged("card-forger"), "{}").status()).isEqualTo(401);
        assertThat(api.post(CARDS, Tokens.expired("card-late"), "{}").status()).isEqualTo(401);
        Api.Response noSubject = api.post(CARDS, Tokens.withoutSubject(), "{}");
        assertThat(noSubject.status()).isEqualTo(401);
        assertThat(noSubject.code()).isEqualTo("auth.unauthenticated");
        Api.Response auditor = api.post(CARDS, Tokens.withRoles("card-auditor", "AUDITOR"), "{}");
        assertThat(auditor.status()).isEqualTo(403);
        assertThat(auditor.code()).isEqualTo("auth.forbidden");
        assertThat(api.get(CARDS + "/me", Tokens.withRoles("card-agent-me", "AGENT")).status()).isEqualTo(403);
    }
}
