package fr.paris.ledger.application.benefit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.AtOnce;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last seats are a hot spot: 200 holders ask at once for an event with 10 seats. Exactly 10
 * get a seat and 190 wait, at positions 1 to 190 in the order the log recorded their requests;
 * never 11 seats.
 */
@LedgerIntegrationTest
class CardBenefitConcurrencyTest {
    private static final int HOLDERS = 200;
    private static final int SEATS = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void two_hundred_holders_at_once_for_ten_seats_give_ten_seats_and_a_waiting_list_in_log_order() throws Exception {
        Api api = new Api(port);
        List<String> tokens = IntStream.range(0, HOLDERS)
                .mapToObj(i -> Tokens.citizen("rush-holder-" + i, "1979-09-09", "750" + String.format("%02d", 1 + i % 20)))
                .toList();
        List<Integer> cards = AtOnce.run(20, tokens.stream().<Callable<Integer>>map(t ->
                () -> api.post("/api/v1/citizen-cards", t, "{}").status()).toList());
        assertThat(cards).containsOnly(201);
        String agent = Tokens.withRoles("rush-agent", "AGENT");
        Instant startsAt = Instant.now().plus(Duration.ofDays(30));
        assertThat(api.post("/api/v1/card-events", agent, "{\"eventId\":\"derniere-place\",\"kind\":\"EVENT\",\"title\":"
                + "\"Visite insolite\",\"startsAt\":\"" + startsAt + "\",\"seats\":" + SEATS + "}").status()).isEqualTo(201);

        long t0 = System.nanoTime();
        List<Api.Response> answers = AtOnce.run(HOLDERS, tokens.stream().<Callable<Api.Response>>map(t ->
                () -> api.post("/api/v1/card-events/derniere-place/reservations", t, "{}")).toList());
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertThat(answers).as("every request answered 201").allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
        Map<String, List<Api.Response>> byStatus = answers.stream()
                .collect(Collectors.groupingBy(r -> r.json().path("status").asText()));
        assertThat(byStatus.get("CONFIRMED")).hasSize(SEATS);
        assertThat(byStatus.get("WAITLISTED")).hasSize(HOLDERS - SEATS);
        assertThat(byStatus.get("WAITLISTED").stream().map(r -> r.json().path("position").asInt()))
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, HOLDERS - SEATS).boxed().toList());

        // the log: the event's stream holds its scheduling, then 10 seats, then 190 waiting places numbered in stream order
        List<Map<String, Object>> stream = jdbc.queryForList("""
                SELECT sequence_number, event_identifier, payload_type, convert_from(payload, 'UTF8') AS payload
                FROM domain_event_entry WHERE aggregate_identifier = 'card-event:derniere-place' ORDER BY sequence_number""");
        assertThat(stream).hasSize(1 + HOLDERS);
        Map<String, Long> sequenceOf = new HashMap<>();
        for (int i = 0; i < stream.size(); i++) {
            Map<String, Object> e = stream.get(i);
            sequenceOf.put((String) e.get("event_identifier"), ((Number) e.get("sequence_number")).longValue());
            String type = (String) e.get("payload_type");
            if (i == 0) {
                assertThat(type).endsWith(".CardEventScheduled");
            } else if (i <= SEATS) {
                assertThat(type).endsWith(".ReservationConfirmed");
            } else {
                assertThat(type).endsWith(".ReservationWaitlisted");
                assertThat(JSON.readTree((String) e.get("payload")).path("position").asInt()).isEqualTo(i - SEATS);
            }
        }
        // each answer is its own event of that stream, and a waiting position is the rank of the request in the log
        for (Api.Response r : answers) {
            Long sequence = sequenceOf.get(r.json().path("receipt").path("eventId").asText());
            assertThat(sequence).as(r.toString()).isNotNull();
            if (r.json().path("status").asText().equals("CONFIRMED")) {
                assertThat(sequence).isBetween(1L, (long) SEATS);
            } else {
                assertThat(r.json().path("position").asLong()).isEqualTo(sequence - SEATS);
            }
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.ReservationConfirmed'",
                Long.class)).as("never an eleventh seat").isEqualTo(SEATS);

        // the projections: the public page and every holder's own status
        JsonNode page = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/card-events/derniere-place", null).json(),
                        p -> p.path("waitlisted").asInt() == HOLDERS - SEATS);
        assertThat(page.path("seats").asInt()).isEqualTo(SEATS);
        assertThat(page.path("confirmed").asInt()).isEqualTo(SEATS);
        for (int i = 0; i < HOLDERS; i++) {
            JsonNode mine = api.get("/api/v1/card-events/derniere-place/reservations/me", tokens.get(i)).json();
            assertThat(mine.path("status").asText()).isEqualTo(answers.get(i).json().path("status").asText());
            assertThat(mine.path("position").asInt()).isEqualTo(answers.get(i).json().path("position").asInt());
        }
        System.out.printf("Card benefits rush: %d holders at once for %d seats answered in %.2f s%n", HOLDERS, SEATS, seconds);
    }
}
