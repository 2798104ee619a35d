package fr.paris.ledger.application.budget;

import static fr.paris.ledger.application.support.PaperBatches.paper;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.Hostile;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.PaperBatches;
import fr.paris.ledger.application.support.Tokens;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Paper ballots in countersigned batches over HTTP on PostgreSQL (issue 14): every endpoint and
 * refusal code, what counts in the results, an entry under an Idempotency-Key (its number taken
 * once, and not by a refused entry), and the races that must not let a paper through: one number in
 * two batches at once, more entries than declared at once, a batch opened while the vote closes.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.budget.results-grace=PT0.2S")
class PaperBatchApiTest {
    private static final String ADMIN = Tokens.withRoles("batch-admin", "ADMIN");
    private static final String AUDITOR = Tokens.withRoles("batch-auditor", "AUDITOR");
    private static final String AGENT = Tokens.withRoles("batch-agent", "AGENT");
    private static final String SECOND_AGENT = Tokens.withRoles("batch-agent-2", "AGENT");
    private static final String CITIZEN = Tokens.citizen("batch-citizen", "1980-01-01", "75011");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;
    EventLog events;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        events = new EventLog(jdbc);
    }

    private Api.Response phase(int year, String phase) {
        return api.post("/api/v1/budget/campaigns/" + year + "/phase", ADMIN, "{\"phase\":\"" + phase + "\"}");
    }

    private static void expect(Api.Response r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        if (code != null) {
            assertThat(r.code()).as(r.toString()).isEqualTo(code);
        }
    }

    /** A campaign in VOTING (the hostile corpus's envelopes: 10,000 cents Paris-wide) with feasible Paris-wide projects; returns their ids. */
    private List<String> voting(int year, int projects) {
        expect(api.post("/api/v1/budget/campaigns", ADMIN, Hostile.campaign(year)), 201, null);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < projects; i++) {
            Api.Response r = api.post("/api/v1/budget/campaigns/" + year + "/projects",
                    Tokens.citizen("batch-author-" + i, "1980-01-01", "75011"),
                    "{\"title\":\"Project " + i + "\",\"description\":\"d\",\"scope\":\"PARIS\",\"estimatedCostCents\":" + (1000 + i) + "}");
            expect(r, 201, null);
            ids.add(r.json().path("projectId").asText());
        }
        expect(phase(year, "FEASIBILITY"), 200, null);
        for (int i = 0; i < projects; i++) {
            expect(api.post("/api/v1/budget/projects/" + ids.get(i) + "/feasibility", AGENT,
                    "{\"verdict\":\"FEASIBLE\",\"costCents\":" + (1000 + i) + "}"), 200, null);
        }
        expect(phase(year, "VOTING"), 200, null);
        return ids;
    }

    @Test
    void a_batch_is_entered_by_one_agent_confirmed_by_another_and_only_then_counted() {
        int year = 2027;
        List<String> projects = voting(year, 2);
        String p = projects.get(0);
        String q = projects.get(1);
        PaperBatches batches = new PaperBatches(api, year);
        long before = events.count();

        // opening
        Api.Response opened = batches.open(AGENT, "b1", "urn-11-a", 3);
        expect(opened, 201, null);
        assertThat(opened.json().path("batchId").asText()).isEqualTo("b1");
        assertThat(opened.json().path("status").asText()).isEqualTo("OPEN");
        assertThat(opened.json().path("receipt").path("eventId").asText()).isNotBlank();
        expect(batches.open(SECOND_AGENT, "b1", "urn-11-b", 5), 409, "budget.batch-exists");
        Api.Response invalid = api.post(batches.path(null), AGENT, "{\"batchId\":\"b 2\",\"urn\":\"\",\"declaredCount\":0}");
        expect(invalid, 400, "request.invalid");
        assertThat(invalid.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("batchId", "urn", "declaredCount");
        expect(batches.open(CITIZEN, "b9", "urn", 1), 403, "auth.forbidden");
        expect(new PaperBatches(api, 2999).open(AGENT, "b1", "urn", 1), 404, "budget.campaign-not-found");

        // entering, by the batch's agent only, within its declared count
        expect(batches.enter(AGENT, "b1", paper("N-1", "alice", p)), 201, null);
        Api.Response spoiled = batches.spoiled(AGENT, "b1", "N-2");
        expect(spoiled, 201, null);
        assertThat(spoiled.json().path("receipt").path("eventId").asText()).isNotBlank();
        expect(batches.enter(AGENT, "b1", paper("N-3", "bob", "bp2027-zzzzzzzzzz")), 422, "budget.not-on-ballot");
        expect(batches.enter(AGENT, "b1", paper("N-3", "bob", q)), 201, null);
        expect(batches.open(SECOND_AGENT, "b2", "urn-12-a", 2), 201, null);
        long entered = events.count();
        expect(batches.enter(AGENT, "b1", paper("N-4", "carol", p)), 422, "budget.batch-full");
        expect(batches.enter(SECOND_AGENT, "b1", paper("N-5", "carol", p)), 403, "budget.not-batch-agent");
        expect(batches.enter(AGENT, "nowhere", paper("N-5", "carol", p)), 404, "budget.batch-not-found");
        expect(batches.enter(AGENT, "b1", paper("N-1", "carol", p)), 409, "budget.duplicate-paper-ballot");
        expect(batches.enter(CITIZEN, "b1", paper("N-5", "carol", p)), 403, "auth.forbidden");
        Api.Response spoiledWithVoter = api.post(batches.path("b1") + "/ballots", AGENT,
                "{\"ballotNumber\":\"N-5\",\"spoiled\":true,\"voterId\":\"carol\"}");
        expect(spoiledWithVoter, 400, "request.invalid");
        assertThat(spoiledWithVoter.json().path("errors").findValuesAsText("field")).containsExactly("voterId");
        expect(batches.enter(SECOND_AGENT, "b2", paper("N-1", "dave", p)), 409, "budget.duplicate-paper-ballot");
        assertThat(events.count()).as("refusals write nothing").isEqualTo(entered);

        // a typing mistake is voided before confirmation; a batch is confirmed only when complete
        expect(batches.voidEntry(SECOND_AGENT, "b1", "N-3"), 403, "budget.not-batch-agent");
        expect(batches.voidEntry(AGENT, "b1", "N-3"), 200, null);
        expect(batches.voidEntry(AGENT, "b1", "N-3"), 404, "budget.no-entry");
        expect(batches.voidEntry(AGENT, "b1", "N%203"), 404, "budget.no-entry");
        expect(batches.confirm(SECOND_AGENT, "b1"), 422, "budget.batch-incomplete");
        expect(batches.enter(AGENT, "b1", paper("N-3", "carol", q)), 201, null);
        expect(batches.confirm(AGENT, "b1"), 403, "budget.same-agent");
        expect(batches.confirm(CITIZEN, "b1"), 403, "auth.forbidden");
        Api.Response confirmed = batches.confirm(SECOND_AGENT, "b1");
        expect(confirmed, 200, null);
        assertThat(confirmed.json().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(confirmed.json().path("count").asInt()).isEqualTo(3);
        expect(batches.confirm(SECOND_AGENT, "b1"), 409, "budget.batch-closed");
        expect(batches.confirm(AGENT, "nowhere"), 404, "budget.batch-not-found");
        expect(batches.enter(AGENT, "b1", paper("N-6", "erin", p)), 409, "budget.batch-closed");
        expect(batches.voidEntry(AGENT, "b1", "N-1"), 409, "budget.batch-closed");
        expect(batches.abandon(ADMIN, "b1", "second thoughts"), 409, "budget.batch-closed");

        // an open batch holds the vote open; abandoned, it never counts and its numbers are free again
        expect(batches.enter(SECOND_AGENT, "b2", paper("N-7", "dave", p)), 201, null);
        expect(phase(year, "RESULTS"), 409, "budget.batches-open");
        Api.Response noReason = api.post(batches.path("b2") + "/abandon", ADMIN, "{}");
        expect(noReason, 400, "request.invalid");
        expect(batches.abandon(CITIZEN, "b2", "why not"), 403, "auth.forbidden");
        Api.Response abandoned = batches.abandon(ADMIN, "b2", "the urn's seal was broken");
        expect(abandoned, 200, null);
        assertThat(abandoned.json().path("status").asText()).isEqualTo("ABANDONED");
        expect(batches.abandon(AGENT, "b2", "again"), 409, "budget.batch-closed");
        expect(batches.abandon(AGENT, "nowhere", "why not"), 404, "budget.batch-not-found");
        expect(batches.open(AGENT, "b3", "urn-12-a", 1), 201, null);
        expect(batches.enter(AGENT, "b3", paper("N-7", "dave", p)), 201, null);
        expect(batches.confirm(SECOND_AGENT, "b3"), 200, null);

        // the auditor's list: urn, the staff references of the agents, declared and entered counts, status
        JsonNode list = await().atMost(Duration.ofSeconds(15)).until(() -> batches.list(AUDITOR).json(),
                l -> l.path("items").size() == 3 && l.path("items").get(2).path("status").asText().equals("CONFIRMED"));
        JsonNode b1 = list.path("items").get(0);
        assertThat(b1.path("batchId").asText()).isEqualTo("b1");
        assertThat(b1.path("urn").asText()).isEqualTo("urn-11-a");
        assertThat(b1.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(b1.path("declaredCount").asInt()).isEqualTo(3);
        assertThat(b1.path("enteredCount").asInt()).isEqualTo(3);
        assertThat(b1.path("ballots").asInt()).isEqualTo(2);
        assertThat(b1.path("spoiled").asInt()).isEqualTo(1);
        assertThat(b1.path("voided").asInt()).isEqualTo(0); // N-3 voided, then entered again under the same number
        assertThat(b1.path("enteredBy").asText()).startsWith("s-");
        assertThat(b1.path("confirmedBy").asText()).startsWith("s-").isNotEqualTo(b1.path("enteredBy").asText());
        JsonNode b2 = list.path("items").get(1);
        assertThat(b2.path("status").asText()).isEqualTo("ABANDONED");
        assertThat(b2.path("abandonedBy").asText()).startsWith("s-");
        assertThat(b2.path("abandonReason").asText()).isEqualTo("the urn's seal was broken");
        assertThat(b2.path("enteredBy").asText()).isEqualTo(b1.path("confirmedBy").asText());
        assertThat(list.has("next")).isFalse();
        Api.Response page = api.get(batches.path(null) + "?limit=2", ADMIN);
        expect(page, 200, null);
        assertThat(page.json().path("items").findValuesAsText("batchId")).containsExactly("b1", "b2");
        Api.Response rest = api.get(batches.path(null) + "?limit=2&after=" + page.json().path("next").asText(), ADMIN);
        assertThat(rest.json().path("items").findValuesAsText("batchId")).containsExactly("b3");
        expect(api.get(batches.path(null) + "?limit=201", AUDITOR), 400, "request.invalid");
        expect(api.get(batches.path(null) + "?after=%21%21", AUDITOR), 400, "request.invalid");
        expect(batches.list(AGENT), 403, "auth.forbidden");
        expect(new PaperBatches(api, 2999).list(AUDITOR), 404, "budget.campaign-not-found");
        // live participation: the voters of entries standing in batches not abandoned (alice, carol, dave in b3)
        await().atMost(Duration.ofSeconds(15)).until(() -> api.get("/api/v1/budget/campaigns/" + year, null).json()
                .path("votersSoFar").path("PAPER").asLong() == 3);

        // RESULTS: the paper ballots of the confirmed batches, never a voided, spoiled or abandoned one
        expect(phase(year, "RESULTS"), 200, null);
        expect(batches.open(AGENT, "b4", "urn-13-a", 1), 422, "budget.wrong-phase");
        JsonNode r = await().atMost(Duration.ofSeconds(15)).until(
                () -> api.get("/api/v1/budget/campaigns/" + year + "/results", null), x -> x.status() == 200).json();
        assertThat(r.path("ballots").asLong()).isEqualTo(3);
        assertThat(r.path("ballotsByChannel").path("PAPER").asLong()).isEqualTo(3);
        JsonNode paris = r.path("scopes").path("PARIS").path("projects");
        // P: alice (b1), dave (b3; his b2 ballot was abandoned); Q: carol (b1; bob's entry was voided)
        assertThat(paris.findValuesAsText("projectId")).containsExactly(p, q);
        assertThat(paris.findValues("votes")).extracting(JsonNode::asLong).containsExactly(2L, 1L);
        assertThat(events.count()).isGreaterThan(before);
    }

    @Test
    void an_entry_sent_again_with_its_idempotency_key_is_recorded_once_and_holds_its_number_once() {
        int year = 2030;
        String p = voting(year, 1).get(0);
        PaperBatches batches = new PaperBatches(api, year);
        expect(batches.open(AGENT, "idem", "urn-idem", 2), 201, null);
        String body = "{\"ballotNumber\":\"I-1\",\"voterId\":\"idem-voter\",\"parisWide\":[\"" + p + "\"]}";
        long entered = events.count("PaperBallotEntered");
        Api.Response first = api.post(batches.path("idem") + "/ballots", AGENT, body, "idem-key-1");
        Api.Response again = api.post(batches.path("idem") + "/ballots", AGENT, body, "idem-key-1");
        expect(first, 201, null);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(events.count("PaperBallotEntered")).isEqualTo(entered + 1);
        // a refused entry under a key holds no number: the same number enters under another key
        expect(api.post(batches.path("idem") + "/ballots", AGENT, body.replace(p, "bp2030-zzzzzzzzzz").replace("I-1", "I-2"),
                "idem-key-2"), 422, "budget.not-on-ballot");
        expect(api.post(batches.path("idem") + "/ballots", AGENT, body.replace("I-1", "I-2"), "idem-key-3"), 201, null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM budget_paper_number WHERE year = ?", Long.class, year)).isEqualTo(2);
    }

    @Test
    void one_number_entered_in_two_batches_at_once_is_accepted_once() throws Exception {
        int year = 2028;
        String p = voting(year, 1).get(0);
        PaperBatches batches = new PaperBatches(api, year);
        int agents = 8;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            tokens.add(Tokens.withRoles("batch-race-agent-" + i, "AGENT"));
            expect(batches.open(tokens.get(i), "race-" + i, "urn-race-" + i, 1), 201, null);
        }
        List<Integer> statuses = race(agents, i -> batches.enter(tokens.get(i), "race-" + i, paper("R-1", "voter-" + i, p)).status());
        assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
        assertThat(events.count("PaperBallotEntered")).isEqualTo(1);
    }

    @Test
    void entries_sent_at_once_never_exceed_the_declared_count() throws Exception {
        int year = 2029;
        String p = voting(year, 1).get(0);
        PaperBatches batches = new PaperBatches(api, year);
        expect(batches.open(AGENT, "full", "urn-full", 5), 201, null);
        List<Integer> statuses = race(12, i -> batches.enter(AGENT, "full", paper("F-" + i, "voter-" + i, p)).status());
        assertThat(statuses).containsOnly(201, 422).filteredOn(s -> s == 201).hasSize(5);
        Api.Response confirmed = batches.confirm(SECOND_AGENT, "full");
        expect(confirmed, 200, null);
        assertThat(confirmed.json().path("count").asInt()).isEqualTo(5);
    }

    @Test
    void a_batch_opened_while_the_vote_closes_is_either_waited_for_or_refused() throws Exception {
        PaperBatches[] batches = new PaperBatches[1];
        for (int year = 2034; year < 2040; year++) {
            int y = year;
            voting(y, 0);
            batches[0] = new PaperBatches(api, y);
            long delay = (y - 2034) * 15L; // the opening sent later and later: both outcomes happen
            List<Api.Response> answers = race(2, i -> {
                if (i == 1) {
                    return phase(y, "RESULTS");
                }
                Thread.sleep(delay);
                return batches[0].open(AGENT, "late", "urn-late", 1);
            });
            Api.Response open = answers.get(0);
            Api.Response close = answers.get(1);
            if (open.status() == 201) {
                // the batch was opened first: the close waited for it
                expect(close, 409, "budget.batches-open");
                expect(batches[0].abandon(ADMIN, "late", "opened as the vote closed"), 200, null);
                expect(phase(y, "RESULTS"), 200, null);
            } else {
                // the vote closed first: no batch can be opened any more
                expect(open, 422, "budget.wrong-phase");
                expect(close, 200, null);
            }
        }
    }

    private interface Act<T> {
        T run(int i) throws Exception;
    }

    /** Runs {@code n} acts at once (released together) and returns their answers in order. */
    private static <T> List<T> race(int n, Act<T> act) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return act.run(k);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
