package fr.paris.ledger.application.sortition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.shared.ParisCalendar;
import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.DrawAlgorithm;
import fr.paris.ledger.sortition.PoolEntry;
import fr.paris.ledger.sortition.PoolHash;
import fr.paris.ledger.sortition.RandomSource;
import fr.paris.ledger.sortition.SortitionDraw;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every council endpoint over HTTP on PostgreSQL, each refusal code, and a whole cycle of calls, draws and mandates. */
@LedgerIntegrationTest
class SortitionApiTest {
    private static final String COUNCILS = "/api/v1/councils";
    private static final String ADMIN = Tokens.withRoles("admin-sortition", "ADMIN");
    private static final String RFC_SOURCES = "[[9319],[2,5,12,8,10],[9,18,26,34,41,45]]";
    private static final List<RandomSource> RFC_SOURCE_LIST = List.of(RandomSource.numbers(9319L),
            RandomSource.numbers(2L, 5L, 12L, 8L, 10L), RandomSource.numbers(9L, 18L, 26L, 34L, 41L, 45L));

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;

    Api api;
    EventLog events;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
        api = new Api(port);
        events = new EventLog(jdbc);
    }

    /** A birthdate that makes someone {@code age} today in Paris (born 100 days after that many years ago). */
    private String bornAged(int age) {
        return ParisCalendar.today(clock).minusYears(age + 1L).plusDays(100).toString();
    }

    private String young(String sub) {
        return Tokens.citizen(sub, bornAged(20), "75011");
    }

    private void defineYouthCouncil(String id, boolean renewable) {
        Api.Response r = api.post(COUNCILS, ADMIN, "{\"councilId\":\"" + id + "\",\"name\":\"Conseil Parisien de la Jeunesse\","
                + "\"seats\":4,\"minAge\":15,\"maxAge\":30,\"residentsOnly\":true,\"quotas\":{\"F\":2,\"M\":2},"
                + "\"mandateMonths\":24,\"renewable\":" + renewable + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("receipt").path("globalIndex").asLong()).isPositive();
    }

    private void openCall(String council, String call, String seats, int alternates) {
        Api.Response r = api.post(COUNCILS + "/" + council + "/calls", ADMIN,
                "{\"callId\":\"" + call + "\",\"seats\":" + seats + ",\"alternatesPerGroup\":" + alternates + "}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        assertThat(r.json().path("status").asText()).isEqualTo("OPEN");
    }

    private Api.Response apply(String council, String call, String token, String group) {
        return api.post(COUNCILS + "/" + council + "/calls/" + call + "/applications", token, "{\"group\":\"" + group + "\"}");
    }

    private String applied(String council, String call, String token, String group) {
        Api.Response r = apply(council, call, token, group);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().path("applicationId").asText();
        assertThat(id).matches("app-[0-9a-z]{12}");
        return id;
    }

    private JsonNode eventually(String path, Predicate<JsonNode> until) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Response r = api.get(path, null);
            return r.status() == 200 ? r.json() : null;
        }, j -> j != null && until.test(j));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void a_whole_cycle_call_applications_close_draw_seating_resignations_and_a_partial_renewal() {
        defineYouthCouncil("cpj", false);
        JsonNode council = eventually(COUNCILS + "/cpj", c -> c.path("councilId").asText().equals("cpj"));
        assertThat(council.path("quotas").path("F").asInt()).isEqualTo(2);
        assertThat(council.path("vacant").path("M").asInt()).isEqualTo(2);

        openCall("cpj", "2026", "{\"F\":2,\"M\":2}", 1);
        Map<String, String> tokenOf = new HashMap<>();
        List<PoolEntry> expectedPool = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            String group = i % 2 == 1 ? "F" : "M";
            String token = young("cycle-" + i);
            String app = applied("cpj", "2026", token, group);
            tokenOf.put(app, token);
            expectedPool.add(new PoolEntry(new ApplicationId(app), group));
        }
        Api.Response early = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get(COUNCILS + "/cpj/calls/2026/pool", null), r -> r.status() != 404);
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.code()).isEqualTo("sortition.pool-not-frozen");

        Api.Response closed = api.post(COUNCILS + "/cpj/calls/2026/close", ADMIN, "{}");
        assertThat(closed.status()).as(closed.toString()).isEqualTo(200);
        assertThat(closed.json().path("poolSize").asInt()).isEqualTo(10);
        assertThat(closed.json().path("poolHash").asText()).isEqualTo(PoolHash.of(expectedPool));
        assertThat(closed.json().path("groups").path("F").asInt()).isEqualTo(5);
        assertThat(closed.json().path("groups").path("M").asInt()).isEqualTo(5);

        JsonNode pool = eventually(COUNCILS + "/cpj/calls/2026/pool", p -> p.path("applicants").size() == 10);
        assertThat(pool.path("poolHash").asText()).isEqualTo(PoolHash.of(expectedPool));
        for (int i = 0; i < 10; i++) {
            assertThat(pool.path("applicants").get(i).path("applicationId").asText())
                    .isEqualTo(expectedPool.get(i).applicationId().value());
            assertThat(pool.path("applicants").get(i).path("group").asText()).isEqualTo(expectedPool.get(i).group());
            assertThat(pool.path("applicants").get(i).has("participantId")).isFalse();
        }
        assertThat(pool.toString()).doesNotContain("cycle-");

        // anyone recomputes the draw from the published pool and sources
        List<PoolEntry> published = new ArrayList<>();
        pool.path("applicants").forEach(a -> published.add(new PoolEntry(new ApplicationId(a.path("applicationId").asText()),
                a.path("group").asText())));
        SortitionDraw.Outcome expected = SortitionDraw.draw(DrawAlgorithm.SHA256_V1, published, Map.of("F", 2, "M", 2), 1,
                RFC_SOURCE_LIST);

        Api.Response drawn = api.post(COUNCILS + "/cpj/calls/2026/draw", ADMIN,
                "{\"algorithm\":\"SHA256-V1\",\"randomSources\":" + RFC_SOURCES + "}");
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(200);
        assertThat(drawn.json().path("key").asText()).isEqualTo("9319./2.5.8.10.12./9.18.26.34.41.45./");
        assertThat(texts(drawn.json().path("selected").path("F"))).containsExactlyElementsOf(ids(expected.selected().get("F")));
        assertThat(texts(drawn.json().path("selected").path("M"))).containsExactlyElementsOf(ids(expected.selected().get("M")));
        assertThat(drawn.json().path("receipt").path("globalIndex").asLong()).isPositive();
        Instant drawnAt = clock.instant();

        JsonNode draw = eventually(COUNCILS + "/cpj/calls/2026/draw", d -> d.path("algorithm").asText().equals("SHA256-V1"));
        assertThat(draw.path("poolHash").asText()).isEqualTo(PoolHash.of(expectedPool));
        assertThat(draw.path("key").asText()).isEqualTo("9319./2.5.8.10.12./9.18.26.34.41.45./");
        assertThat(draw.path("randomSources").toString()).isEqualTo("[[9319],[2,5,12,8,10],[9,18,26,34,41,45]]");
        assertThat(texts(draw.path("selected").path("F"))).containsExactlyElementsOf(ids(expected.selected().get("F")));
        assertThat(texts(draw.path("alternates").path("F"))).containsExactlyElementsOf(ids(expected.alternates().get("F")));
        assertThat(texts(draw.path("alternates").path("M"))).containsExactlyElementsOf(ids(expected.alternates().get("M")));
        Api.Response again = api.post(COUNCILS + "/cpj/calls/2026/draw", ADMIN, "{\"randomSources\":[[1]]}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("sortition.already-drawn");

        JsonNode members = eventually(COUNCILS + "/cpj/members", m -> m.path("members").size() == 4);
        JsonNode first = members.path("members").get(0);
        assertThat(Instant.parse(first.path("mandateStart").asText())).isEqualTo(drawnAt);
        assertThat(Instant.parse(first.path("mandateEnd").asText()))
                .isEqualTo(drawnAt.atZone(ParisCalendar.ZONE).plusMonths(24).toInstant());
        assertThat(first.path("status").asText()).isEqualTo("SITTING");

        // a member resigns: the F alternate takes the seat for the rest of the mandate
        clock.advance(Duration.ofDays(30));
        String resigning = expected.selected().get("F").get(1).value();
        String alternate = expected.alternates().get("F").get(0).value();
        Api.Response notTheMember = api.post(COUNCILS + "/cpj/members/" + resigning + "/resign",
                tokenOf.get(expected.selected().get("F").get(0).value()), "{}");
        assertThat(notTheMember.status()).isEqualTo(403);
        assertThat(notTheMember.code()).isEqualTo("sortition.not-the-member");
        Api.Response resigned = api.post(COUNCILS + "/cpj/members/" + resigning + "/resign", tokenOf.get(resigning), "{}");
        assertThat(resigned.status()).as(resigned.toString()).isEqualTo(200);
        assertThat(resigned.json().path("replacedBy").asText()).isEqualTo(alternate);
        Api.Response twice = api.post(COUNCILS + "/cpj/members/" + resigning + "/resign", tokenOf.get(resigning), "{}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("sortition.not-sitting");

        // the other F member's resignation is recorded by an admin; no F alternate is left: the seat stays vacant
        String second = expected.selected().get("F").get(0).value();
        Api.Response vacant = api.post(COUNCILS + "/cpj/members/" + second + "/resign", ADMIN, "{}");
        assertThat(vacant.status()).as(vacant.toString()).isEqualTo(200);
        assertThat(vacant.json().path("replacedBy").isNull()).isTrue();

        JsonNode after = eventually(COUNCILS + "/cpj/members", m -> m.path("vacancies").size() == 1);
        assertThat(after.path("members").size()).isEqualTo(3);
        assertThat(after.path("members").findValuesAsText("applicationId")).contains(alternate).doesNotContain(resigning, second);
        JsonNode replacement = null;
        for (JsonNode m : after.path("members")) {
            if (m.path("applicationId").asText().equals(alternate)) {
                replacement = m;
            }
        }
        assertThat(replacement.path("replaces").asText()).isEqualTo(resigning);
        assertThat(replacement.path("mandateEnd").asText()).isEqualTo(first.path("mandateEnd").asText());
        assertThat(after.path("pastMembers").findValuesAsText("status")).containsOnly("RESIGNED");
        assertThat(eventually(COUNCILS + "/cpj", c -> c.path("vacant").path("F").asInt() == 1).path("vacant").path("M").asInt())
                .isZero();

        // partial renewal: a new call draws only the seats then vacant (F: 1, M: 0)
        openCall("cpj", "2027", "{\"F\":2,\"M\":2}", 1);
        String sitting = expected.selected().get("M").get(0).value();
        Api.Response member = apply("cpj", "2027", tokenOf.get(sitting), "M");
        assertThat(member.status()).isEqualTo(422);
        assertThat(member.code()).isEqualTo("sortition.already-member");
        Api.Response former = apply("cpj", "2027", tokenOf.get(resigning), "F");
        assertThat(former.status()).isEqualTo(422);
        assertThat(former.code()).isEqualTo("sortition.former-member");
        List<String> newF = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            newF.add(applied("cpj", "2027", young("renewal-f-" + i), "F"));
        }
        applied("cpj", "2027", young("renewal-m-1"), "M");
        assertThat(api.post(COUNCILS + "/cpj/calls/2027/close", ADMIN, "{}").status()).isEqualTo(200);
        Api.Response renewal = api.post(COUNCILS + "/cpj/calls/2027/draw", ADMIN, "{\"randomSources\":[\"00ff11ee\",[7,3]]}");
        assertThat(renewal.status()).as(renewal.toString()).isEqualTo(200);
        assertThat(renewal.json().path("algorithm").asText()).isEqualTo("SHA256-V1");
        assertThat(renewal.json().path("key").asText()).isEqualTo("00ff11ee/3.7./");
        assertThat(renewal.json().path("seats").path("F").asInt()).isEqualTo(1);
        assertThat(renewal.json().path("seats").path("M").asInt()).isZero();
        assertThat(renewal.json().path("selected").path("F").size()).isEqualTo(1);
        assertThat(newF).contains(renewal.json().path("selected").path("F").get(0).asText());
        assertThat(renewal.json().path("selected").path("M").size()).isZero();
        JsonNode full = eventually(COUNCILS + "/cpj/members", m -> m.path("members").size() == 4);
        assertThat(full.path("members").findValuesAsText("group")).containsExactlyInAnyOrder("F", "F", "M", "M");

        // mandates end at their term, with no job: read time decides
        clock.advance(Duration.ofDays(800));
        JsonNode later = eventually(COUNCILS + "/cpj/members", m -> m.path("members").size() == 0);
        assertThat(later.path("pastMembers").findValuesAsText("status")).contains("ENDED", "RESIGNED");
        openCall("cpj", "2029", "{\"M\":1}", 0);
        Api.Response formerAtTerm = apply("cpj", "2029", tokenOf.get(sitting), "M");
        assertThat(formerAtTerm.code()).isEqualTo("sortition.former-member");
    }

    @Test
    void an_rfc3797_draw_reproduces_the_rfc_example_over_http() {
        Api.Response defined = api.post(COUNCILS, ADMIN, "{\"councilId\":\"noctambules\",\"name\":\"Comité des noctambules\","
                + "\"seats\":10,\"residentsOnly\":false,\"quotas\":{\"ALL\":10},\"mandateMonths\":24,\"renewable\":false}");
        assertThat(defined.status()).as(defined.toString()).isEqualTo(201);
        openCall("noctambules", "first", "{\"ALL\":10}", 1);
        List<String> apps = new ArrayList<>();
        for (int i = 1; i <= 25; i++) {
            // no age range, not residents only: no birthdate, a postal code outside Paris are fine
            apps.add(applied("noctambules", "first", Tokens.citizen("night-" + i, null, "93100"), "ALL"));
        }
        api.post(COUNCILS + "/noctambules/calls/first/close", ADMIN, "{}");
        Api.Response drawn = api.post(COUNCILS + "/noctambules/calls/first/draw", ADMIN,
                "{\"algorithm\":\"RFC3797\",\"randomSources\":" + RFC_SOURCES + "}");
        assertThat(drawn.status()).as(drawn.toString()).isEqualTo(200);
        List<String> rfcOrder = List.of(17, 7, 2, 16, 25, 23, 8, 24, 19, 13).stream().map(n -> apps.get(n - 1)).toList();
        assertThat(texts(drawn.json().path("selected").path("ALL"))).containsExactlyElementsOf(rfcOrder);
        assertThat(texts(drawn.json().path("alternates").path("ALL"))).containsExactly(apps.get(22 - 1));
    }

    @Test
    void refusals_carry_their_codes_and_write_nothing() {
        defineYouthCouncil("refusals", false);
        openCall("refusals", "one", "{\"F\":1,\"M\":1}", 0);
        long before = events.count();

        Api.Response tooYoung = apply("refusals", "one", Tokens.citizen("kid", bornAged(14), "75011"), "F");
        assertThat(tooYoung.status()).isEqualTo(422);
        assertThat(tooYoung.code()).isEqualTo("sortition.not-eligible");
        assertThat(apply("refusals", "one", Tokens.citizen("elder", bornAged(31), "75011"), "F").code())
                .isEqualTo("sortition.not-eligible");
        assertThat(apply("refusals", "one", Tokens.citizen("suburb", bornAged(20), "92100"), "F").code())
                .isEqualTo("sortition.not-eligible");
        assertThat(apply("refusals", "one", Tokens.citizen("nobirth", null, "75011"), "F").code())
                .isEqualTo("sortition.not-eligible");
        assertThat(apply("refusals", "one", young("x"), "X").code()).isEqualTo("sortition.unknown-group");
        assertThat(apply("refusals", "nocall", young("x"), "F").code()).isEqualTo("sortition.not-found");
        assertThat(apply("nocouncil", "one", young("x"), "F").status()).isEqualTo(404);
        assertThat(apply("refusals", "one", young("x"), "").code()).isEqualTo("request.invalid");
        Api.Response early = api.post(COUNCILS + "/refusals/calls/one/draw", ADMIN, "{\"randomSources\":[[1,2]]}");
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.code()).isEqualTo("sortition.pool-not-frozen");
        assertThat(api.post(COUNCILS + "/refusals/calls", ADMIN, "{\"callId\":\"two\",\"seats\":{\"F\":5},\"alternatesPerGroup\":0}")
                .code()).isEqualTo("sortition.seats-exceed-quota");
        assertThat(api.post(COUNCILS + "/refusals/calls", ADMIN, "{\"callId\":\"one\",\"seats\":{\"F\":1},\"alternatesPerGroup\":0}")
                .code()).isEqualTo("sortition.call-exists");
        assertThat(api.post(COUNCILS + "/nocouncil/calls", ADMIN, "{\"callId\":\"one\",\"seats\":{\"F\":1},\"alternatesPerGroup\":0}")
                .code()).isEqualTo("sortition.not-found");
        assertThat(api.post(COUNCILS, ADMIN, "{\"councilId\":\"refusals\",\"name\":\"Again\",\"seats\":1,\"residentsOnly\":true,"
                + "\"quotas\":{\"F\":1},\"mandateMonths\":12,\"renewable\":true}").code()).isEqualTo("sortition.council-exists");
        assertThat(events.count()).as("refusals write nothing").isEqualTo(before);

        String app = applied("refusals", "one", young("once"), "F");
        Api.Response twice = apply("refusals", "one", young("once"), "M");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("sortition.already-applied");
        assertThat(app).isNotBlank();

        assertThat(api.post(COUNCILS + "/refusals/calls/one/close", ADMIN, "{}").status()).isEqualTo(200);
        Api.Response late = apply("refusals", "one", young("late"), "F");
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.code()).isEqualTo("sortition.call-closed");
        assertThat(api.post(COUNCILS + "/refusals/calls/one/close", ADMIN, "{}").code()).isEqualTo("sortition.call-closed");
        Api.Response rfc = api.post(COUNCILS + "/refusals/calls/one/draw", ADMIN, "{\"algorithm\":\"RFC3797\",\"randomSources\":[[1]]}");
        assertThat(rfc.status()).isEqualTo(422);
        assertThat(rfc.code()).isEqualTo("sortition.rfc3797-one-group-only");
        assertThat(api.get(COUNCILS + "/refusals/calls/one/draw", null).code()).isIn("sortition.not-drawn", "sortition.not-found");
        assertThat(api.post(COUNCILS + "/refusals/members/app-000000000000/resign", ADMIN, "{}").code())
                .isEqualTo("sortition.not-found");
        assertThat(api.get(COUNCILS + "/nocouncil", null).status()).isEqualTo(404);
        assertThat(api.get(COUNCILS + "/nocouncil/members", null).code()).isEqualTo("sortition.not-found");
        assertThat(api.get(COUNCILS + "/refusals/calls/none/pool", null).code()).isEqualTo("sortition.not-found");
    }

    @Test
    void malformed_requests_are_400_with_each_field_named() {
        Api.Response council = api.post(COUNCILS, ADMIN, "{\"councilId\":\"Bad Id\",\"seats\":3,\"minAge\":30,\"maxAge\":15,"
                + "\"quotas\":{\"F\":1,\"M\":1},\"mandateMonths\":0}");
        assertThat(council.status()).isEqualTo(400);
        assertThat(council.code()).isEqualTo("request.invalid");
        assertThat(council.json().path("errors").findValuesAsText("field")).contains("councilId", "name", "maxAge",
                "residentsOnly", "quotas", "mandateMonths", "renewable");
        defineYouthCouncil("malformed", true);
        assertThat(api.post(COUNCILS + "/malformed/calls", ADMIN, "{\"callId\":\"c\",\"seats\":{},\"alternatesPerGroup\":-1}")
                .json().path("errors").findValuesAsText("field")).contains("seats", "alternatesPerGroup");
        openCall("malformed", "c", "{\"F\":1}", 0);
        api.post(COUNCILS + "/malformed/calls/c/close", ADMIN, "{}");
        for (String body : List.of("{\"randomSources\":[]}", "{\"randomSources\":[[-1]]}", "{\"randomSources\":[\"a/b\"]}",
                "{\"randomSources\":[[1.5]]}", "{\"algorithm\":\"MD5\",\"randomSources\":[[1]]}")) {
            Api.Response r = api.post(COUNCILS + "/malformed/calls/c/draw", ADMIN, body);
            assertThat(r.status()).as(body + " -> " + r).isEqualTo(400);
            assertThat(r.code()).isEqualTo("request.invalid");
        }
    }

    @Test
    void simultaneous_applications_by_one_participant_record_exactly_one() throws Exception {
        defineYouthCouncil("rush", false);
        openCall("rush", "now", "{\"F\":2,\"M\":2}", 0);
        String token = young("rusher");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                tasks.add(() -> apply("rush", "now", token, "F").status());
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnly(201, 409);
            assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = 'council:rush'
                AND payload_type LIKE '%.ApplicationRecorded'""", Long.class)).isEqualTo(1);
    }

    private static List<String> ids(List<ApplicationId> ids) {
        return ids.stream().map(ApplicationId::value).toList();
    }

}
