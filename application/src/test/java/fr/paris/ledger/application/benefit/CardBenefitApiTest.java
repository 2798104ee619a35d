package fr.paris.ledger.application.benefit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.References;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.benefit.CardEventId;
import fr.paris.ledger.benefit.ReserveSeat;
import fr.paris.ledger.infra.axon.LedgerCommands;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import fr.paris.ledger.shared.ParticipantId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every card-benefit endpoint over HTTP on PostgreSQL, with each refusal code. */
@LedgerIntegrationTest
class CardBenefitApiTest {
    private static final String EVENTS = "/api/v1/card-events";
    private static final String AGENT = Tokens.withRoles("benefit-agent", "AGENT");
    private static final String ADMIN = Tokens.withRoles("benefit-admin", "ADMIN");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    Participants participants;
    @Autowired
    LedgerCommands commands;

    Api api;
    EventLog events;
    References references;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
        api = new Api(port);
        events = new EventLog(jdbc);
        references = new References(participants);
    }

    /** A holder of an ACTIVE card: their token and card number. */
    record Holder(String sub, String token, String card) {
    }

    private Holder holder(String sub) {
        String token = Tokens.citizen(sub, "1988-04-12", "75011");
        Api.Response issued = api.post("/api/v1/citizen-cards", token, "{}");
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        return new Holder(sub, token, issued.json().path("cardNumber").asText());
    }

    private List<Holder> holders(String prefix, int n) {
        List<Holder> holders = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            holders.add(holder(prefix + "-" + i));
        }
        return holders;
    }

    private String schedule(String id, int seats, Duration startsIn) {
        Api.Response r = api.post(EVENTS, AGENT, body(id, "WORKSHOP", "Atelier citoyen", clock.instant().plus(startsIn), seats));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return id;
    }

    private String schedule(String id, int seats) {
        return schedule(id, seats, Duration.ofDays(10));
    }

    private static String body(String id, String kind, String title, Instant startsAt, int seats) {
        return "{\"eventId\":\"" + id + "\",\"kind\":\"" + kind + "\",\"title\":\"" + title + "\",\"startsAt\":\"" + startsAt
                + "\",\"seats\":" + seats + "}";
    }

    private Api.Response reserve(String event, Holder h) {
        return api.post(EVENTS + "/" + event + "/reservations", h.token(), "{}");
    }

    private Api.Response mine(String event, Holder h) {
        return api.get(EVENTS + "/" + event + "/reservations/me", h.token());
    }

    private Api.Response cancelMine(String event, Holder h) {
        return api.send("DELETE", EVENTS + "/" + event + "/reservations/me", h.token(), null, null, Map.of());
    }

    private JsonNode page(String event) {
        return api.get(EVENTS + "/" + event, null).json();
    }

    private static <T> T eventually(Supplier<T> read, Predicate<T> until) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(read::get, until::test);
    }

    private static void expect(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.code()).as(r.toString()).isEqualTo(code);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    private static void status(Api.Response r, String status, Integer position) {
        assertThat(r.status()).as(r.toString()).isIn(200, 201);
        assertThat(r.json().path("status").asText()).as(r.toString()).isEqualTo(status);
        if (position == null) {
            assertThat(r.json().has("position")).as(r.toString()).isFalse();
        } else {
            assertThat(r.json().path("position").asInt()).as(r.toString()).isEqualTo(position);
        }
    }

    // ---- events

    @Test
    void an_agent_schedules_an_event_and_its_public_page_shows_seats_confirmed_and_waitlisted() {
        Instant startsAt = clock.instant().plus(Duration.ofDays(20)).truncatedTo(ChronoUnit.SECONDS);
        Api.Response r = api.post(EVENTS, AGENT, body("visite-insolite-1", "EVENT", "Visite insolite des égouts", startsAt, 12));

        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("eventId").asText()).isEqualTo("visite-insolite-1");
        assertThat(r.json().path("kind").asText()).isEqualTo("EVENT");
        assertThat(r.json().path("startsAt").asText()).isEqualTo(startsAt.toString());
        assertThat(r.json().path("seats").asInt()).isEqualTo(12);
        assertThat(r.json().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(r.json().path("receipt").path("globalIndex").asLong()).isPositive();
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE event_identifier = ?",
                String.class, r.json().path("receipt").path("eventId").asText());
        assertThat(payload).contains("\"scheduledBy\":\"" + references.staff("benefit-agent") + "\"").doesNotContain("benefit-agent");

        JsonNode page = eventually(() -> api.get(EVENTS + "/visite-insolite-1", null), x -> x.status() == 200).json();
        assertThat(page.path("title").asText()).isEqualTo("Visite insolite des égouts");
        assertThat(page.path("startsAt").asText()).isEqualTo(startsAt.toString());
        assertThat(page.path("seats").asInt()).isEqualTo(12);
        assertThat(page.path("confirmed").asInt()).isZero();
        assertThat(page.path("waitlisted").asInt()).isZero();
        assertThat(page.path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(api.get(EVENTS + "?limit=200", null).json().path("items").findValuesAsText("eventId")).contains("visite-insolite-1");

        // an admin may schedule too
        assertThat(api.post(EVENTS, ADMIN, body("atelier-admin", "WORKSHOP", "Atelier", startsAt, 5)).status()).isEqualTo(201);
    }

    @Test
    void refuses_an_id_already_scheduled_an_event_already_started_and_invalid_fields() {
        schedule("atelier-twice", 3);
        long before = events.count();
        expect(api.post(EVENTS, AGENT, body("atelier-twice", "EVENT", "Again", clock.instant().plus(Duration.ofDays(3)), 3)), 409,
                "benefit.event-exists");
        expect(api.post(EVENTS, AGENT, body("atelier-late", "EVENT", "Late", clock.instant(), 3)), 422, "benefit.event-past");
        Api.Response invalid = api.post(EVENTS, AGENT,
                "{\"eventId\":\"-bad id\",\"kind\":\"PARTY\",\"title\":\" \",\"startsAt\":\"tomorrow\",\"seats\":-1}");
        expect(invalid, 400, "request.invalid");
        assertThat(invalid.json().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("eventId", "kind", "title", "startsAt", "seats");
        expect(api.post(EVENTS, AGENT, body("atelier-big", "EVENT", "Big", clock.instant().plus(Duration.ofDays(3)), 100_001)), 400,
                "request.invalid");
        expect(api.post(EVENTS, AGENT, "{\"eventId\":\"atelier-far\",\"kind\":\"EVENT\",\"title\":\"Far\","
                + "\"startsAt\":\"+10000-01-01T00:00:00Z\",\"seats\":1}"), 400, "request.invalid");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void an_unknown_event_is_not_found_everywhere() {
        Holder h = holder("benefit-unknown");
        expect(api.get(EVENTS + "/no-such-event", null), 404, "benefit.not-found");
        expect(api.get(EVENTS + "/-not-an-id", null), 404, "benefit.not-found");
        expect(reserve("no-such-event", h), 404, "benefit.not-found");
        expect(cancelMine("no-such-event", h), 404, "benefit.not-found");
        expect(api.post(EVENTS + "/no-such-event/seats", AGENT, "{\"seats\":3}"), 404, "benefit.not-found");
        expect(api.post(EVENTS + "/no-such-event/cancel", AGENT, "{\"reason\":\"none\"}"), 404, "benefit.not-found");
        expect(mine("no-such-event", h), 404, "benefit.no-reservation");
    }

    @Test
    void the_list_is_paged_by_start_time() {
        Instant far = Instant.parse("2990-01-01T10:00:00Z");
        for (int i = 3; i >= 1; i--) {
            assertThat(api.post(EVENTS, AGENT, body("paged-" + i, "EVENT", "Paged " + i, far.plus(Duration.ofDays(i)), 1)).status())
                    .isEqualTo(201);
        }
        eventually(() -> api.get(EVENTS + "/paged-3", null), r -> r.status() == 200);
        List<String> ids = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonNode page = api.get(EVENTS + "?limit=2" + (next == null ? "" : "&after=" + next), null).json();
            assertThat(page.path("items").size()).isBetween(1, 2);
            page.path("items").forEach(item -> ids.add(item.path("eventId").asText()));
            next = page.has("next") ? page.path("next").asText() : null;
            pages++;
        } while (next != null && pages < 100);
        assertThat(next).isNull();
        assertThat(ids).doesNotHaveDuplicates().containsSubsequence("paged-1", "paged-2", "paged-3").endsWith("paged-3");
        expect(api.get(EVENTS + "?limit=0", null), 400, "request.invalid");
        expect(api.get(EVENTS + "?limit=201", null), 400, "request.invalid");
        expect(api.get(EVENTS + "?after=not-a-cursor", null), 400, "request.invalid");
    }

    // ---- reservations

    @Test
    void holders_get_seats_then_wait_in_order_and_a_cancelled_seat_goes_to_the_first_waiting() {
        String event = schedule("atelier-ordre", 2);
        List<Holder> four = holders("benefit-order", 4);
        Holder a = four.get(0);
        Holder b = four.get(1);
        Holder c = four.get(2);
        Holder d = four.get(3);

        Api.Response first = reserve(event, a);
        status(first, "CONFIRMED", null);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().path("receipt").path("globalIndex").asLong()).isPositive();
        status(reserve(event, b), "CONFIRMED", null);
        status(reserve(event, c), "WAITLISTED", 1);
        status(reserve(event, d), "WAITLISTED", 2);
        // read your own writes: right after the act
        status(mine(event, a), "CONFIRMED", null);
        status(mine(event, d), "WAITLISTED", 2);
        JsonNode page = eventually(() -> page(event), p -> p.path("waitlisted").asInt() == 2);
        assertThat(page.path("seats").asInt()).isEqualTo(2);
        assertThat(page.path("confirmed").asInt()).isEqualTo(2);

        Api.Response cancelled = cancelMine(event, a);
        status(cancelled, "CANCELLED", null);
        assertThat(cancelled.json().path("receipt").path("eventId").asText()).isNotBlank();
        status(mine(event, c), "CONFIRMED", null);
        status(mine(event, d), "WAITLISTED", 1);
        Api.Response gone = mine(event, a);
        status(gone, "CANCELLED", null);
        assertThat(gone.json().path("cancellation").asText()).isEqualTo("BY_HOLDER");
        expect(cancelMine(event, a), 404, "benefit.no-reservation");
        assertThat(events.count("ReservationPromoted")).isGreaterThanOrEqualTo(1);

        // a holder who cancelled may ask again: at the end of the line
        status(reserve(event, a), "WAITLISTED", 2);
        page = eventually(() -> page(event), p -> p.path("waitlisted").asInt() == 2);
        assertThat(page.path("confirmed").asInt()).isEqualTo(2);
    }

    @Test
    void the_log_names_a_holder_by_their_card_reference_and_the_card_they_reserved_with() {
        String event = schedule("atelier-privacy", 5);
        Holder h = holder("benefit-privacy-subject");
        Api.Response r = reserve(event, h);
        String payload = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE event_identifier = ?",
                String.class, r.json().path("receipt").path("eventId").asText());
        String cardId = jdbc.queryForObject("SELECT card_id FROM card_number_index WHERE holder = ?", String.class,
                references.of(h.sub(), ReferenceScope.card()));
        assertThat(payload).contains("\"participantId\":\"" + references.of(h.sub(), ReferenceScope.card()) + "\"")
                .contains("\"cardId\":\"" + cardId + "\"")
                .doesNotContain(h.sub()).doesNotContain(h.card()).doesNotContain("75011").doesNotContain("1988");
        assertThat(jdbc.queryForObject("SELECT aggregate_identifier FROM domain_event_entry WHERE event_identifier = ?", String.class,
                r.json().path("receipt").path("eventId").asText())).isEqualTo("card-event:" + event);
    }

    @Test
    void refuses_a_reservation_without_an_active_card_and_a_second_one() {
        String event = schedule("atelier-refus", 5);
        long before = events.count();
        Holder never = new Holder("benefit-nocard", Tokens.citizen("benefit-nocard", "1990-01-01", "75011"), null);
        expect(reserve(event, never), 422, "benefit.no-card");
        // asking created no key for this person
        assertThat(participants.subjects().find("benefit-nocard")).isEmpty();
        Holder former = holder("benefit-former");
        assertThat(api.post("/api/v1/citizen-cards/" + former.card() + "/cancel", former.token(), "{}").status()).isEqualTo(200);
        long afterCancel = events.count();
        expect(reserve(event, former), 422, "benefit.no-card");
        assertThat(events.count()).isEqualTo(afterCancel);

        Holder h = holder("benefit-twice");
        status(reserve(event, h), "CONFIRMED", null);
        expect(reserve(event, h), 409, "benefit.already-reserved");
        expect(mine(event, never), 404, "benefit.no-reservation");
        expect(mine(event, former), 404, "benefit.no-reservation");
        expect(cancelMine(event, never), 404, "benefit.no-reservation");
        // written: two cards issued, one cancelled, one reservation; nothing by a refusal
        assertThat(events.count() - before).isEqualTo(4);
    }

    // ---- seats

    @Test
    void added_seats_promote_waiting_holders_in_order_and_seats_never_drop_below_the_confirmed() {
        String event = schedule("atelier-places", 1);
        List<Holder> four = holders("benefit-seats", 4);
        for (Holder h : four) {
            assertThat(reserve(event, h).status()).isEqualTo(201);
        }
        Holder b = four.get(1);
        Holder c = four.get(2);
        Holder d = four.get(3);

        Api.Response more = api.post(EVENTS + "/" + event + "/seats", AGENT, "{\"seats\":3}");
        assertThat(more.status()).as(more.toString()).isEqualTo(200);
        assertThat(more.json().path("seats").asInt()).isEqualTo(3);
        assertThat(more.json().path("confirmed").asInt()).isEqualTo(3);
        assertThat(more.json().path("waitlisted").asInt()).isEqualTo(1);
        assertThat(more.json().path("receipt").path("globalIndex").asLong()).isPositive();
        status(mine(event, b), "CONFIRMED", null);
        status(mine(event, c), "CONFIRMED", null);
        status(mine(event, d), "WAITLISTED", 1);

        long before = events.count();
        expect(api.post(EVENTS + "/" + event + "/seats", AGENT, "{\"seats\":2}"), 422, "benefit.seats-below-confirmed");
        expect(api.post(EVENTS + "/" + event + "/seats", AGENT, "{}"), 400, "request.invalid");
        expect(api.post(EVENTS + "/" + event + "/seats", AGENT, "{\"seats\":1.5}"), 400, "request.invalid");
        assertThat(events.count()).isEqualTo(before);
        Api.Response admin = api.post(EVENTS + "/" + event + "/seats", ADMIN, "{\"seats\":3}");
        assertThat(admin.status()).isEqualTo(200);
        JsonNode page = eventually(() -> page(event), p -> p.path("seats").asInt() == 3 && p.path("confirmed").asInt() == 3);
        assertThat(page.path("waitlisted").asInt()).isEqualTo(1);
    }

    // ---- cancelling an event

    @Test
    void a_cancelled_event_ends_every_reservation_and_takes_no_more() {
        String event = schedule("visite-annulee", 1);
        Holder a = holder("benefit-annul-a");
        Holder b = holder("benefit-annul-b");
        status(reserve(event, a), "CONFIRMED", null);
        status(reserve(event, b), "WAITLISTED", 1);
        expect(api.post(EVENTS + "/" + event + "/cancel", AGENT, "{}"), 400, "request.invalid");

        Api.Response cancelled = api.post(EVENTS + "/" + event + "/cancel", AGENT, "{\"reason\":\"Le lieu est fermé\"}");
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("status").asText()).isEqualTo("CANCELLED");
        for (Holder h : List.of(a, b)) {
            Api.Response r = mine(event, h);
            status(r, "CANCELLED", null);
            assertThat(r.json().path("cancellation").asText()).isEqualTo("EVENT_CANCELLED");
        }
        JsonNode page = eventually(() -> page(event), p -> p.path("status").asText().equals("CANCELLED"));
        assertThat(page.path("confirmed").asInt()).isZero();
        assertThat(page.path("waitlisted").asInt()).isZero();

        long before = events.count();
        expect(reserve(event, holder("benefit-annul-c")), 422, "benefit.event-cancelled");
        before++; // the card just issued
        expect(cancelMine(event, a), 422, "benefit.event-cancelled");
        expect(api.post(EVENTS + "/" + event + "/seats", AGENT, "{\"seats\":5}"), 422, "benefit.event-cancelled");
        expect(api.post(EVENTS + "/" + event + "/cancel", ADMIN, "{\"reason\":\"again\"}"), 422, "benefit.event-cancelled");
        assertThat(events.count()).isEqualTo(before);
    }

    // ---- once started

    @Test
    void nothing_changes_once_the_event_has_started() {
        String event = schedule("atelier-commence", 1, Duration.ofHours(1));
        Holder a = holder("benefit-started-a");
        Holder b = holder("benefit-started-b");
        Holder c = holder("benefit-started-c");
        status(reserve(event, a), "CONFIRMED", null);
        status(reserve(event, b), "WAITLISTED", 1);
        clock.advance(Duration.ofHours(1));

        long before = events.count();
        expect(reserve(event, c), 422, "benefit.event-past");
        expect(cancelMine(event, a), 422, "benefit.event-past");
        expect(api.post(EVENTS + "/" + event + "/seats", AGENT, "{\"seats\":4}"), 422, "benefit.event-past");
        expect(api.post(EVENTS + "/" + event + "/cancel", AGENT, "{\"reason\":\"late\"}"), 422, "benefit.event-past");
        assertThat(events.count()).isEqualTo(before);
        status(mine(event, a), "CONFIRMED", null);
        status(mine(event, b), "WAITLISTED", 1);
        assertThat(eventually(() -> page(event), p -> p.path("confirmed").asInt() == 1).path("status").asText()).isEqualTo("STARTED");
    }

    // ---- a cancelled card

    @Test
    void a_cancelled_card_ends_its_reservations_of_events_not_yet_started_and_promotes_the_next_holder() {
        String upcoming = schedule("visite-a-venir", 1);
        String soon = schedule("visite-bientot", 1, Duration.ofHours(1));
        Holder h = holder("benefit-card-holder");
        Holder next = holder("benefit-card-next");
        status(reserve(upcoming, h), "CONFIRMED", null);
        status(reserve(upcoming, next), "WAITLISTED", 1);
        status(reserve(soon, h), "CONFIRMED", null);
        clock.advance(Duration.ofHours(2)); // "soon" has started, "upcoming" has not

        assertThat(api.post("/api/v1/citizen-cards/" + h.card() + "/cancel", h.token(), "{}").status()).isEqualTo(200);

        Api.Response ended = eventually(() -> mine(upcoming, h), r -> r.json().path("status").asText().equals("CANCELLED"));
        assertThat(ended.json().path("cancellation").asText()).isEqualTo("CARD_CANCELLED");
        status(mine(upcoming, next), "CONFIRMED", null);
        status(mine(soon, h), "CONFIRMED", null);
        assertThat(events.count("ReservationCancelled")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_card_cancelled_by_an_agent_or_by_a_move_out_of_paris_ends_its_reservations_too() {
        String event = schedule("atelier-carte", 5);
        Holder byAgent = holder("benefit-card-agent");
        Holder moved = holder("benefit-card-moved");
        status(reserve(event, byAgent), "CONFIRMED", null);
        status(reserve(event, moved), "CONFIRMED", null);

        assertThat(api.post("/api/v1/citizen-cards/" + byAgent.card() + "/cancel", AGENT, "{\"reason\":\"fraud\"}").status())
                .isEqualTo(200);
        assertThat(api.post("/api/v1/citizen-cards/" + moved.card() + "/residence", moved.token(), "{\"postalCode\":\"69001\"}")
                .json().path("status").asText()).isEqualTo("CANCELLED");

        for (Holder h : List.of(byAgent, moved)) {
            Api.Response r = eventually(() -> mine(event, h), x -> x.json().path("status").asText().equals("CANCELLED"));
            assertThat(r.json().path("cancellation").asText()).isEqualTo("CARD_CANCELLED");
        }
        assertThat(eventually(() -> page(event), p -> p.path("confirmed").asInt() == 0).path("waitlisted").asInt()).isZero();
    }

    @Test
    void a_reservation_recorded_just_after_its_card_was_cancelled_is_ended_too() {
        String event = schedule("atelier-course", 5);
        Holder h = holder("benefit-race");
        String reference = references.of(h.sub(), ReferenceScope.card());
        String cardId = jdbc.queryForObject("SELECT card_id FROM card_number_index WHERE holder = ?", String.class, reference);
        assertThat(api.post("/api/v1/citizen-cards/" + h.card() + "/cancel", h.token(), "{}").status()).isEqualTo(200);
        // the race: the reservation was checked against the card while it was still active, and is
        // recorded once the card's cancellation has committed (and perhaps been handled already)
        commands.send(new ReserveSeat(new CardEventId(event), new ParticipantId(reference), cardId));

        Api.Response ended = eventually(() -> mine(event, h), r -> r.json().path("status").asText().equals("CANCELLED"));
        assertThat(ended.json().path("cancellation").asText()).isEqualTo("CARD_CANCELLED");
    }

    @Test
    void a_holder_with_a_new_card_keeps_the_reservation_made_with_it() {
        String event = schedule("atelier-nouvelle-carte", 5);
        Holder h = holder("benefit-renewed");
        assertThat(api.post("/api/v1/citizen-cards/" + h.card() + "/cancel", h.token(), "{}").status()).isEqualTo(200);
        assertThat(api.post("/api/v1/citizen-cards", h.token(), "{}").status()).isEqualTo(201);
        status(reserve(event, h), "CONFIRMED", null);
        // the old card's cancellation, handled again, does not touch the reservation made with the new one
        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
        status(mine(event, h), "CONFIRMED", null);
    }
}
