package fr.paris.ledger.application.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Tokens;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Two nodes: two service JVMs on different ports share one database, and load goes to both. The
 * projections' segments are split between them (the admin endpoint says which node holds which),
 * one participant acting on both nodes at once gets one act recorded, a node whose cached aggregate
 * is out of date does not refuse wrongly, 200 card holders asking both nodes at once for the last 10
 * seats of an event get exactly 10 (ADR 017), and when one node is killed the other claims its
 * segments within the token claim timeout. The read models then equal a recount and the export verifies.
 *
 * <p>Short version: 40 participants sending to both nodes at once. Long version
 * ({@code -Dledger.resilience.long=true}): 300, and a longer mixed load.
 */
class TwoNodesTest {
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(5);

    @Test
    void two_nodes_split_the_work_record_each_act_once_and_take_over_from_each_other() throws Exception {
        boolean longRun = Resilience.longRun();
        Path work = Resilience.workDir("two-nodes");
        DedicatedPostgres postgres = DedicatedPostgres.start(work.resolve("pgdata"));
        postgres.createDatabase("ledger");
        String jdbcUrl = postgres.jdbcUrl("ledger");
        Map<String, String> settings = Map.of(
                "ledger.projections.segments", "2",
                "ledger.projections.token-claim-interval", "PT1S",
                "ledger.projections.claim-extension-threshold", "PT1S",
                "ledger.projections.balance-every", "PT0.5S",
                "axon.eventhandling.tokenstore.claim-timeout", CLAIM_TIMEOUT.toSeconds() + "s");
        List<ServiceProcess> nodes = new ArrayList<>();
        MixedLoad load = new MixedLoad(Long.toString(System.currentTimeMillis(), 36),
                () -> nodes.stream().filter(ServiceProcess::alive).map(ServiceProcess::url).toList(), Duration.ofSeconds(90));
        try {
            ServiceProcess a = ServiceProcess.start("node-a", work, jdbcUrl, "postgres", null, settings);
            nodes.add(a);
            // the second node reads the development audit key the first one wrote in the shared data directory
            ServiceProcess b = ServiceProcess.start("node-b", work, jdbcUrl, "postgres", null, settings);
            nodes.add(b);
            long t0 = System.nanoTime();
            LedgerChecks checks = new LedgerChecks(load, jdbcUrl, "postgres", null, work.resolve("data"));
            String nodeA = nodeName(checks, a);
            String nodeB = nodeName(checks, b);
            load.setUp(a.url());

            DatabaseOutageTest.awaitTrue(Duration.ofSeconds(60), () -> owners(checks, a).equals(Set.of(nodeA, nodeB))
                    && eachProjectionSplit(checks, a), "each projection's segments split between the two nodes");
            double splitSeconds = (System.nanoTime() - t0) / 1e9;

            staleCacheDoesNotRefuse(load, a, b);
            readsOwnWritesOnTheOtherNode(load, a, b);
            int rush = 200; // the figure, in both versions
            double rushSeconds = lastSeatsFromBothNodes(load, checks, a, b, rush);
            int pairs = longRun ? 300 : 40;
            int duplicatesRefused = sameParticipantOnBothNodes(load, checks, a, b, pairs);

            load.start(longRun ? 8 : 4);
            ServiceProcess.sleep(longRun ? 20_000 : 4_000);
            b.kill();
            long killed = System.nanoTime();
            DatabaseOutageTest.awaitTrue(CLAIM_TIMEOUT.plusSeconds(15), () -> owners(checks, a).equals(Set.of(nodeA)),
                    "node A holds every segment");
            double takeoverSeconds = (System.nanoTime() - killed) / 1e9;
            ServiceProcess.sleep(longRun ? 10_000 : 2_000);
            load.stop();
            checks.all(a.url(), work, longRun ? 100 : 30);
            assertThat(load.serverErrors.get()).as("5xx").isZero();
            Resilience.figures("Two nodes", String.format("segments split between the nodes %.1f s after the second "
                    + "answered; %d participants sent the same act to both nodes at once: %d duplicates refused, 0 "
                    + "recorded twice; the stale cache case accepted; %d holders at once on both nodes for %d seats of one "
                    + "event: %d seats, %d waiting, answered in %.1f s; node B killed, node A held all segments %.1f s "
                    + "later (claim timeout %d s); ", splitSeconds, pairs, duplicatesRefused, rush, RUSH_SEATS, RUSH_SEATS,
                    rush - RUSH_SEATS, rushSeconds, takeoverSeconds,
                    CLAIM_TIMEOUT.toSeconds()) + load.summary() + "; " + checks.actsChecked + " acts checked, "
                    + checks.replaysChecked + " replays checked; " + checks.events() + " events; 0 lost, 0 doubled");
            nodes.forEach(ServiceProcess::close);
            postgres.stopAndDeleteData();
        } finally {
            load.stop();
            nodes.forEach(ServiceProcess::close);
            postgres.close();
        }
    }

    private static String nodeName(LedgerChecks checks, ServiceProcess node) {
        return checks.admin(node.url(), "/api/v1/admin/projections").path(0).path("node").asText();
    }

    /** The nodes holding segment claims, over every projection, as the admin endpoint shows them. */
    private static Set<String> owners(LedgerChecks checks, ServiceProcess node) {
        Set<String> owners = new HashSet<>();
        for (JsonNode p : checks.admin(node.url(), "/api/v1/admin/projections")) {
            for (JsonNode s : p.path("segments")) {
                owners.add(s.path("owner").asText(null));
            }
        }
        return owners;
    }

    private static boolean eachProjectionSplit(LedgerChecks checks, ServiceProcess node) {
        JsonNode all = checks.admin(node.url(), "/api/v1/admin/projections");
        for (JsonNode p : all) {
            Set<String> owners = new HashSet<>();
            p.path("segments").forEach(s -> owners.add(s.path("owner").asText(null)));
            if (p.path("segments").size() != 2 || owners.size() != 2 || owners.contains(null)) {
                return false;
            }
        }
        return all.size() > 0;
    }

    /**
     * Read your own writes across nodes (api.md): a card issued through one node is read at once
     * through the other, whose read model may be served by segments either node processes.
     */
    private static void readsOwnWritesOnTheOtherNode(MixedLoad load, ServiceProcess a, ServiceProcess b) {
        for (int i = 0; i < 10; i++) {
            String token = Tokens.citizen("res-ryw-" + i, "1985-06-01", "75011");
            ServiceProcess writer = i % 2 == 0 ? a : b;
            ServiceProcess reader = i % 2 == 0 ? b : a;
            String card = MixedLoad.expect(load.send(writer.url(), "POST", "/api/v1/citizen-cards", token, "{}", null), 201)
                    .path("cardNumber").asText();
            HttpResponse<String> mine = load.send(reader.url(), "GET", "/api/v1/citizen-cards/me", token, null, null);
            assertThat(mine.statusCode()).as("read on the other node right after the 201: " + mine.body()).isEqualTo(200);
            assertThat(mine.body()).contains(card);
        }
    }

    /**
     * Node A caches the holder with an active card; node B cancels the card; the holder asks A for a
     * new card. A's cache is out of date: the request must still be accepted.
     */
    private static void staleCacheDoesNotRefuse(MixedLoad load, ServiceProcess a, ServiceProcess b) {
        String token = Tokens.citizen("res-stale-holder", "1985-06-01", "75011");
        String card = MixedLoad.expect(load.send(a.url(), "POST", "/api/v1/citizen-cards", token, "{}", null), 201)
                .path("cardNumber").asText();
        MixedLoad.expect(load.send(b.url(), "POST", "/api/v1/citizen-cards/" + card + "/cancel", token, "{}", null), 200);
        HttpResponse<String> again = load.send(a.url(), "POST", "/api/v1/citizen-cards", token, "{}", null);
        assertThat(again.statusCode()).as("a new card after a cancellation on the other node: " + again.body())
                .isEqualTo(201);
    }

    static final int RUSH_SEATS = 10;

    /**
     * The last seats of an event, asked for by {@code holders} card holders at once, half of them on
     * each node: each node's requests queue for the event's aggregate, and the two nodes collide on its
     * stream and retry. Exactly {@link #RUSH_SEATS} seats, never more; the others wait at positions 1 to
     * n in the stream's order. Returns the seconds the rush took.
     */
    private static double lastSeatsFromBothNodes(MixedLoad load, LedgerChecks checks, ServiceProcess a, ServiceProcess b,
                                                 int holders) throws Exception {
        String agent = Tokens.withRoles("res-rush-agent", "AGENT");
        MixedLoad.expect(load.send(a.url(), "POST", "/api/v1/card-events", agent, "{\"eventId\":\"res-rush\",\"kind\":\"EVENT\","
                + "\"title\":\"Visite insolite\",\"startsAt\":\"" + java.time.Instant.now().plus(Duration.ofDays(30)) + "\","
                + "\"seats\":" + RUSH_SEATS + "}", null), 201);
        List<String> tokens = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(holders);
        try {
            List<Future<HttpResponse<String>>> cards = new ArrayList<>();
            for (int i = 0; i < holders; i++) {
                String token = Tokens.citizen("res-rush-" + i, "1982-02-02", "75018");
                tokens.add(token);
                String url = (i % 2 == 0 ? a : b).url();
                cards.add(pool.submit(() -> load.send(url, "POST", "/api/v1/citizen-cards", token, "{}", null)));
            }
            for (Future<HttpResponse<String>> card : cards) {
                MixedLoad.expect(card.get(), 201);
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> asked = new ArrayList<>();
            for (int i = 0; i < holders; i++) {
                String token = tokens.get(i);
                String url = (i % 2 == 0 ? a : b).url();
                asked.add(pool.submit(() -> {
                    go.await();
                    return load.send(url, "POST", "/api/v1/card-events/res-rush/reservations", token, "{}", null);
                }));
            }
            long t0 = System.nanoTime();
            go.countDown();
            List<JsonNode> answers = new ArrayList<>();
            for (Future<HttpResponse<String>> answer : asked) {
                answers.add(MixedLoad.expect(answer.get(), 201));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(answers.stream().filter(r -> r.path("status").asText().equals("CONFIRMED"))).hasSize(RUSH_SEATS);
            assertThat(answers.stream().filter(r -> r.path("status").asText().equals("WAITLISTED")).map(r -> r.path("position").asInt()))
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, holders - RUSH_SEATS).boxed().toList());
            assertThat(checks.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = "
                    + "'card-event:res-rush' AND payload_type LIKE '%.ReservationConfirmed'", Long.class)).as("never overbooked")
                    .isEqualTo(RUSH_SEATS);
            // the waiting positions are the order of the stream, whichever node recorded each request
            List<Integer> positions = checks.jdbc().queryForList("SELECT (convert_from(payload, 'UTF8')::jsonb ->> 'position')::int "
                    + "FROM domain_event_entry WHERE aggregate_identifier = 'card-event:res-rush' "
                    + "AND payload_type LIKE '%.ReservationWaitlisted' ORDER BY sequence_number", Integer.class);
            assertThat(positions).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, holders - RUSH_SEATS).boxed().toList());
            for (ServiceProcess node : List.of(a, b)) {
                DatabaseOutageTest.awaitTrue(Duration.ofSeconds(30), () -> {
                    JsonNode page = MixedLoad.tree(load.send(node.url(), "GET", "/api/v1/card-events/res-rush", null, null, null).body());
                    return page.path("confirmed").asInt() == RUSH_SEATS && page.path("waitlisted").asInt() == holders - RUSH_SEATS;
                }, "the public page on " + node.url() + " shows 10 seats taken and the others waiting");
            }
            return seconds;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Participants each send one act to both nodes at the same moment (two different requests, no
     * shared key): one is recorded, the other refused as a duplicate (ballots: both replace the
     * ballot, the voter counts once). Returns the number of duplicates refused.
     */
    private static int sameParticipantOnBothNodes(MixedLoad load, LedgerChecks checks, ServiceProcess a, ServiceProcess b,
                                                  int pairs) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int refused = 0;
        try {
            List<Future<List<HttpResponse<String>>>> results = new ArrayList<>();
            List<MixedLoad.Act> acts = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                MixedLoad.Act act = load.new Act(MixedLoad.Kind.values()[i % 3], "res-both-" + i);
                acts.add(act);
                results.add(pool.submit(() -> {
                    CountDownLatch go = new CountDownLatch(1);
                    ExecutorService two = Executors.newFixedThreadPool(2);
                    try {
                        Future<HttpResponse<String>> toA = two.submit(() -> {
                            go.await();
                            return load.send(a.url(), act.method(), act.path(), act.token, act.body(), null);
                        });
                        Future<HttpResponse<String>> toB = two.submit(() -> {
                            go.await();
                            return load.send(b.url(), act.method(), act.path(), act.token, act.body(), null);
                        });
                        go.countDown();
                        return List.of(toA.get(), toB.get());
                    } finally {
                        two.shutdownNow();
                    }
                }));
            }
            for (int i = 0; i < pairs; i++) {
                MixedLoad.Act act = acts.get(i);
                List<HttpResponse<String>> answers = results.get(i).get();
                List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
                if (act.kind == MixedLoad.Kind.BALLOT) {
                    assertThat(statuses).as(act.participant).containsExactly(200, 200);
                } else {
                    assertThat(statuses).as(act.participant + " " + answers.get(0).body() + " " + answers.get(1).body())
                            .containsExactly(201, 409);
                    String code = MixedLoad.tree(answers.stream().filter(r -> r.statusCode() == 409).findFirst()
                            .orElseThrow().body()).path("code").asText();
                    assertThat(code).isEqualTo(act.alreadyDone());
                    refused++;
                }
                long events = checks.jdbc().queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " AND (payload_type LIKE '%.CitizenCardIssued' OR payload_type LIKE '%.PetitionSigned'"
                        + " OR payload_type LIKE '%.BallotCast')", Long.class, checks.aggregate(act));
                assertThat(events).as("events of " + act.participant).isEqualTo(act.kind == MixedLoad.Kind.BALLOT ? 2 : 1);
            }
        } finally {
            pool.shutdownNow();
        }
        return refused;
    }
}
