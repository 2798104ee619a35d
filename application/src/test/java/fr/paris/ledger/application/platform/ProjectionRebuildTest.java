package fr.paris.ledger.application.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.paris.ledger.application.dashboard.DashboardFixture;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.projection.ProjectionRebuilder;
import fr.paris.ledger.infra.projection.ProjectionStatus;
import fr.paris.ledger.infra.projection.Projections;
import fr.paris.ledger.projections.card.CitizenCardProjection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A projection rebuilt by its own handlers from one snapshot of the log, handed only the events of
 * the types they handle (issue 18: what the admin replay runs for every projection but
 * petition-signatures), holds row for row what the same projection built event by event as the
 * history happened: petitions (published, signed, withdrawn), two budget campaigns (one through its
 * results and delivery), a council's draw, and a seeded random history of cards (issued, moved,
 * cancelled) and card benefits (scheduled, reserved, waitlisted, promoted, cancelled).
 */
@LedgerIntegrationTest
class ProjectionRebuildTest {
    private static final String ADMIN = Tokens.withRoles("rebuild-admin", "ADMIN");
    private static final String AGENT = Tokens.withRoles("rebuild-agent", "AGENT");
    /** Every table of each projection rebuilt by its handlers. */
    private static final Map<String, List<String>> TABLES = new LinkedHashMap<>();

    static {
        TABLES.put("citizen-cards", List.of("citizen_card"));
        TABLES.put("petitions", List.of("petition", "petition_history", "petition_comment"));
        TABLES.put("budget", List.of("budget_campaign", "budget_project", "budget_realization", "budget_voter",
                "budget_paper_batch", "budget_paper_entry"));
        TABLES.put("councils", List.of("sortition_council", "sortition_council_quota", "sortition_call", "sortition_call_seats",
                "sortition_pool_entry", "sortition_random_source", "sortition_draw_entry", "sortition_member",
                "sortition_vacancy"));
        TABLES.put("card-benefits", List.of("card_event", "card_reservation"));
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Projections projections;
    @Autowired
    ProjectionRebuilder rebuilder;
    @Autowired
    EventProcessingConfiguration processing;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void each_projection_rebuilt_by_its_handlers_holds_what_it_held_built_event_by_event() {
        new DashboardFixture(api).build();
        cardsAndBenefits(new Random(18), 40);
        caughtUp();
        Map<String, List<String>> byEvents = rows();
        TABLES.forEach((projection, tables) -> assertThat(byEvents.get(projection)).as(projection + " has rows").isNotEmpty());
        long head = head();

        for (String projection : TABLES.keySet()) {
            Api.Response r = api.post("/api/v1/admin/projections/" + projection + "/replay", ADMIN, "{}");
            assertThat(r.status()).as(r.toString()).isEqualTo(202);
        }
        caughtUp();

        assertThat(head()).as("no event was written meanwhile").isEqualTo(head);
        Map<String, List<String>> rebuilt = rows();
        TABLES.keySet().forEach(projection -> assertThat(rebuilt.get(projection)).as(projection).isEqualTo(byEvents.get(projection)));
    }

    @Test
    void a_rebuild_by_handlers_reads_only_the_events_of_the_types_they_handle_and_leaves_the_processor_at_the_head() {
        cardsAndBenefits(new Random(7), 15);
        caughtUp();
        List<String> before = rows().get("citizen-cards");
        StreamingEventProcessor processor = processing.eventProcessor(CitizenCardProjection.NAME, StreamingEventProcessor.class)
                .orElseThrow();
        var handlers = ((AbstractEventProcessor) processor).eventHandlerInvoker();
        assertThat(ProjectionRebuilder.declaredTypes(handlers)).as("the types read: those the handlers declare, not the log's")
                .contains(List.of("fr.paris.ledger.card.CitizenCardCancelled", "fr.paris.ledger.card.CitizenCardIssued",
                        "fr.paris.ledger.card.CitizenCardResidenceChanged"));
        processor.shutDown();
        ProjectionRebuilder.Result result;
        try {
            result = rebuilder.replayHandled(CitizenCardProjection.NAME, handlers);
        } finally {
            processor.start();
        }

        long cardEvents = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type IN"
                + " ('fr.paris.ledger.card.CitizenCardIssued', 'fr.paris.ledger.card.CitizenCardCancelled',"
                + " 'fr.paris.ledger.card.CitizenCardResidenceChanged')", Long.class);
        long all = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertThat(result.eventsHandled()).as("the card events, and only them").isEqualTo(cardEvents);
        assertThat(all).as("the log holds other events, which the rebuild did not read").isGreaterThan(cardEvents);
        assertThat(result.token()).isInstanceOfSatisfying(GapAwareTrackingToken.class,
                token -> assertThat(token.getIndex()).isEqualTo(head()));
        caughtUp();
        assertThat(rows().get("citizen-cards")).isEqualTo(before);

        // the processor goes on from the rebuild's token
        String token = Tokens.citizen("rebuild-after", "1985-05-05", "75019");
        assertThat(api.post("/api/v1/citizen-cards", token, "{}").status()).isEqualTo(201);
        caughtUp();
        assertThat(rows().get("citizen-cards")).hasSize(before.size() + 1);
    }

    /**
     * Cards issued to new Parisians, some moved, some cancelled; two card events whose few seats make
     * some holders wait, some reservations cancelled (a waiting holder promoted), one event cancelled.
     */
    private void cardsAndBenefits(Random random, int holders) {
        String prefix = "rebuild-" + random.nextInt(1_000_000) + "-";
        List<String> eventIds = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            String eventId = prefix + "event-" + e;
            Api.Response r = api.post("/api/v1/card-events", AGENT, "{\"eventId\":\"" + eventId + "\",\"kind\":\"WORKSHOP\","
                    + "\"title\":\"Atelier " + e + "\",\"startsAt\":\"2031-03-0" + (e + 1) + "T18:00:00Z\",\"seats\":3}");
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            eventIds.add(eventId);
        }
        List<String> reserved = new ArrayList<>();
        for (int i = 0; i < holders; i++) {
            String token = Tokens.citizen(prefix + i, "19" + (50 + random.nextInt(50)) + "-0" + (1 + random.nextInt(9)) + "-1"
                    + random.nextInt(9), String.format("750%02d", 1 + random.nextInt(20)));
            Api.Response issued = api.post("/api/v1/citizen-cards", token, "{}");
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
            String number = issued.json().path("cardNumber").asText();
            switch (random.nextInt(5)) {
                case 0 -> assertThat(api.post("/api/v1/citizen-cards/" + number + "/residence", token,
                        "{\"postalCode\":\"750" + String.format("%02d", 1 + random.nextInt(20)) + "\"}").status()).isEqualTo(200);
                case 1 -> assertThat(api.post("/api/v1/citizen-cards/" + number + "/cancel", token, "{}").status()).isEqualTo(200);
                default -> {
                    String eventId = eventIds.get(random.nextInt(eventIds.size()));
                    assertThat(api.post("/api/v1/card-events/" + eventId + "/reservations", token, "{}").status()).isEqualTo(201);
                    reserved.add(eventId + " " + token);
                }
            }
        }
        // the first holder seated at the first event gives up their seat: the first one waiting is promoted
        String firstSeated = reserved.stream().filter(r -> r.startsWith(eventIds.get(0) + " ")).findFirst().orElseThrow();
        for (String reservation : reserved) {
            if (reservation.equals(firstSeated) || random.nextInt(4) == 0) {
                String[] parts = reservation.split(" ");
                Api.Response r = api.send("DELETE", "/api/v1/card-events/" + parts[0] + "/reservations/me", parts[1], null, null,
                        Map.of());
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
        }
        assertThat(api.post("/api/v1/card-events/" + eventIds.get(1) + "/cancel", AGENT, "{\"reason\":\"Salle indisponible\"}")
                .status()).isEqualTo(200);
    }

    private long head() {
        return jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
    }

    /** Waits until every projection has handled the whole log and none is being rebuilt. */
    private void caughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            List<ProjectionStatus> all = projections.projections();
            return all.stream().allMatch(p -> p.running() && !p.replaying() && p.lag() == 0);
        });
    }

    /** Each projection's rows, every column, in a stable order. */
    private Map<String, List<String>> rows() {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        TABLES.forEach((projection, tables) -> {
            List<String> all = new ArrayList<>();
            for (String table : tables) {
                all.addAll(jdbc.queryForList("SELECT '" + table + " ' || to_jsonb(t)::text AS r FROM " + table + " t ORDER BY r",
                        String.class));
            }
            rows.put(projection, all);
        });
        return rows;
    }
}
