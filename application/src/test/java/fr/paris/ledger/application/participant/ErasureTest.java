package fr.paris.ledger.application.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.Campaigns;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.PaperBatches;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.application.support.VerifierCli;
import fr.paris.ledger.infra.privacy.SubjectKeys;
import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.DrawAlgorithm;
import fr.paris.ledger.sortition.PoolEntry;
import fr.paris.ledger.sortition.RandomSource;
import fr.paris.ledger.sortition.SortitionDraw;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Erasure by crypto-shredding over HTTP on PostgreSQL: a person with open acts in every instrument
 * and closed ones erases themself; open acts are ended by ordinary events, counts drop, closed
 * results stay, the export still verifies and recounts, the key and idempotency records are gone,
 * and the same subject is a new person afterwards.
 */
@LedgerIntegrationTest
class ErasureTest {
    static final String SUB = "erasure-subject-8842";
    static final int YEAR = 2033;
    static final String ADMIN = Tokens.withRoles("erasure-admin", "ADMIN");
    static final String AGENT = Tokens.withRoles("erasure-agent", "AGENT");
    static final String CPDP = Tokens.withRoles("erasure-cpdp", "CPDP");
    static final String AUDITOR = Tokens.withRoles("erasure-auditor", "AUDITOR");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    SubjectKeys subjects;
    @Autowired
    Erasures erasures;

    Api api;
    final String person = Tokens.citizen(SUB, "1990-02-02", "75020");

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
        api = new Api(port);
    }

    static void ok(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }

    String openPetition(String author) {
        Api.Response filed = api.post("/api/v1/petitions", author, "{\"title\":\"Benches in the park\",\"text\":\"More benches.\"}");
        ok(filed, 201);
        String id = filed.json().path("id").asText();
        ok(api.post("/api/v1/petitions/" + id + "/moderation", AGENT, "{\"decision\":\"PUBLISH\"}"), 200);
        return id;
    }

    JsonNode petition(String id) {
        return api.get("/api/v1/petitions/" + id, AGENT).json();
    }

    long count(String sql, Object... args) {
        return jdbc.queryForObject(sql, Long.class, args);
    }

    String apply(String council, String call, String token) {
        Api.Response r = api.post("/api/v1/councils/" + council + "/calls/" + call + "/applications", token, "{\"group\":\"F\"}");
        ok(r, 201);
        return r.json().path("applicationId").asText();
    }

    void council(String id) {
        ok(api.post("/api/v1/councils", ADMIN, "{\"councilId\":\"" + id + "\",\"name\":\"Comité\",\"seats\":1,"
                + "\"residentsOnly\":true,\"quotas\":{\"F\":1},\"mandateMonths\":24,\"renewable\":false}"), 201);
        ok(api.post("/api/v1/councils/" + id + "/calls", ADMIN, "{\"callId\":\"c1\",\"seats\":{\"F\":1},\"alternatesPerGroup\":1}"), 201);
    }

    @Test
    void an_erasure_ends_open_acts_keeps_closed_results_and_the_ledger_verifies(@TempDir Path dir) {
        String other = Tokens.citizen("erasure-other", "1990-02-02", "75011");
        // a petition signed, closed a year later and decided by the CPDP
        String decided = openPetition(Tokens.citizen("erasure-author-2", "1970-01-01", "75011"));
        ok(api.post("/api/v1/petitions/" + decided + "/signatures", person, "{}"), 201);
        clock.advance(Duration.ofDays(366));
        ok(api.post("/api/v1/petitions/" + decided + "/cpdp-decision", CPDP, "{\"decision\":\"DECLINE\",\"reason\":\"not now\"}"), 200);
        // an open petition signed, and one the person authored
        String open = openPetition(Tokens.citizen("erasure-author", "1970-01-01", "75011"));
        ok(api.post("/api/v1/petitions/" + open + "/signatures", person, "{}", "erasure-key-1"), 201);
        ok(api.post("/api/v1/petitions/" + open + "/signatures", other, "{}"), 201);
        String authored = openPetition(person);
        ok(api.post("/api/v1/petitions/" + open + "/comments", person, "{\"text\":\"Yes please.\"}"), 201);

        // a ballot and a paper ballot in an open vote
        String project = Campaigns.oneProjectInVoting(api, YEAR, person, ADMIN, AGENT);
        String ballot = "{\"parisWide\":[\"" + project + "\"],\"arrondissement\":null,\"arrondissementProjects\":[]}";
        ok(api.send("PUT", "/api/v1/budget/campaigns/" + YEAR + "/ballots/me", person, ballot, "application/json", Map.of()), 200);
        // the person's paper ballot in a confirmed batch, another in a batch still open, one in an abandoned batch
        PaperBatches paper = new PaperBatches(api, YEAR);
        String countersigner = Tokens.withRoles("erasure-agent-2", "AGENT");
        paper.count("b1", AGENT, countersigner, PaperBatches.paper("E-1", SUB, project));
        ok(paper.open(AGENT, "b2", "urn-b2", 2), 201);
        ok(paper.enter(AGENT, "b2", PaperBatches.paper("E-2", SUB, project)), 201);
        ok(paper.open(AGENT, "b3", "urn-b3", 1), 201);
        ok(paper.enter(AGENT, "b3", PaperBatches.paper("E-3", SUB, project)), 201);
        ok(paper.abandon(countersigner, "b3", "counted twice"), 200);

        // a sitting mandate (the person drawn, another applicant as the alternate) and an open application
        council("erasure-council");
        String mine = apply("erasure-council", "c1", person);
        String theirs = apply("erasure-council", "c1", other);
        ok(api.post("/api/v1/councils/erasure-council/calls/c1/close", ADMIN, "{}"), 200);
        String source = sourceDrawing(mine, theirs);
        ok(api.post("/api/v1/councils/erasure-council/calls/c1/draw", ADMIN,
                "{\"algorithm\":\"SHA256-V1\",\"randomSources\":[\"" + source + "\"]}"), 200);
        council("erasure-council-2");
        apply("erasure-council-2", "c1", person);

        // a card, a seat at an upcoming workshop with another holder waiting for it, and a seat at one that has started
        ok(api.post("/api/v1/citizen-cards", person, "{}"), 201);
        String waiting = Tokens.citizen("erasure-waiting-holder", "1985-03-03", "75011");
        ok(api.post("/api/v1/citizen-cards", waiting, "{}"), 201);
        ok(api.post("/api/v1/card-events", AGENT, "{\"eventId\":\"erasure-atelier\",\"kind\":\"WORKSHOP\",\"title\":\"Atelier\","
                + "\"startsAt\":\"" + clock.instant().plus(Duration.ofDays(5)) + "\",\"seats\":1}"), 201);
        ok(api.post("/api/v1/card-events", AGENT, "{\"eventId\":\"erasure-visite\",\"kind\":\"EVENT\",\"title\":\"Visite\","
                + "\"startsAt\":\"" + clock.instant().plus(Duration.ofMinutes(30)) + "\",\"seats\":1}"), 201);
        ok(api.post("/api/v1/card-events/erasure-atelier/reservations", person, "{}"), 201);
        ok(api.post("/api/v1/card-events/erasure-atelier/reservations", waiting, "{}"), 201);
        ok(api.post("/api/v1/card-events/erasure-visite/reservations", person, "{}"), 201);
        clock.advance(Duration.ofHours(1));

        String signer = reference("petition:" + open);
        String voter = reference("budget:" + YEAR);
        await().atMost(Duration.ofSeconds(20)).until(() -> petition(open).path("signatureCount").asLong() == 2);
        long decidedCount = petition(decided).path("signatureCount").asLong();
        assertThat(count("SELECT count(*) FROM idempotency_key")).isPositive();

        Api.Response erased = api.send("DELETE", "/api/v1/participants/me", person, null, null, Map.of());
        ok(erased, 200);
        JsonNode ended = erased.json().path("ended");
        assertThat(ended.path("signatures").asInt()).isEqualTo(1);
        assertThat(ended.path("ballots").asInt()).isEqualTo(1);
        assertThat(ended.path("paperBallots").asInt()).as("the confirmed and the open batch's, not the abandoned one's")
                .isEqualTo(2);
        assertThat(ended.path("mandates").asInt()).isEqualTo(1);
        assertThat(ended.path("applications").asInt()).isEqualTo(1);
        assertThat(ended.path("cards").asInt()).isEqualTo(1);
        assertThat(ended.path("reservations").asInt()).as("the upcoming workshop's seat; the started visit's stays").isEqualTo(1);
        assertThat(ended.path("petitions").asInt()).isEqualTo(1);
        assertThat(ended.path("projects").asInt()).isEqualTo(1);
        assertThat(ended.path("comments").asInt()).isEqualTo(1);
        assertThat(erased.json().path("erasedAt").asText()).isNotBlank();

        // ended by ordinary events
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%PetitionSignatureWithdrawn' "
                + "AND aggregate_identifier LIKE ?", "signature:" + open + ":%")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%PetitionSignatureWithdrawn' "
                + "AND aggregate_identifier LIKE ?", "signature:" + decided + ":%")).as("a closed petition's signature stays").isZero();
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.BallotWithdrawn'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%PaperBallotSetAside'")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%ApplicationWithdrawn'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%MemberResigned'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%CitizenCardCancelled'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.ReservationCancelled' "
                + "AND aggregate_identifier = 'card-event:erasure-atelier' AND convert_from(payload, 'UTF8') LIKE '%BY_HOLDER%'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%.ReservationCancelled' "
                + "AND aggregate_identifier = 'card-event:erasure-visite'")).as("a started event's reservation stays").isZero();
        // the freed seat goes to the holder who was waiting
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/card-events/erasure-atelier/reservations/me", waiting)
                .json().path("status").asText().equals("CONFIRMED"));
        // counts drop; the seat goes to the alternate; the decided petition is unchanged
        await().atMost(Duration.ofSeconds(20)).until(() -> petition(open).path("signatureCount").asLong() == 1);
        assertThat(petition(decided).path("signatureCount").asLong()).isEqualTo(decidedCount);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/councils/erasure-council/members", null).body()
                .contains(theirs));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM budget_voter WHERE year = ?", YEAR) == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/api/v1/budget/campaigns/" + YEAR, null).json()
                .path("votersSoFar").path("PAPER").asLong() == 0);
        assertThat(petition(authored).path("status").asText()).isEqualTo("OPEN");
        JsonNode comments = api.get("/api/v1/petitions/" + open + "/comments", null).json().path("items");
        assertThat(comments.get(0).path("erased").asBoolean()).isTrue();
        assertThat(comments.get(0).path("text").isNull()).isTrue();

        // the key, the idempotency records and the card number index are gone; the journal keeps a hash
        assertThat(count("SELECT count(*) FROM subject_key WHERE lookup = ?", (Object) subjects.lookup(SUB))).isZero();
        assertThat(count("SELECT count(*) FROM idempotency_key WHERE principal = ?", subjects.lookupHex(SUB))).isZero();
        assertThat(count("SELECT count(*) FROM erasure_journal WHERE lookup = ?", (Object) subjects.lookup(SUB))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM card_reservation_index WHERE holder NOT IN (SELECT holder FROM card_number_index)"))
                .as("the person's reservation index rows are gone with their card numbers").isZero();
        assertThat(api.get("/api/v1/participants/me/references?scope=card", person).code()).isEqualTo("participant.not-found");
        assertThat(api.send("DELETE", "/api/v1/participants/me", person, null, null, Map.of()).code())
                .isEqualTo("participant.not-found");

        // the ledger verifies and recounts from the public files
        long total = count("SELECT count(*) FROM domain_event_entry");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> Long.parseLong(api.get("/api/v1/audit/checkpoint", null).body().split("\n")[1]) >= total);
        VerifierCli.Run fetched = VerifierCli.run("fetch", "--url", "http://localhost:" + port, "--token", AUDITOR, "--out", dir.toString());
        assertThat(fetched.status()).as(fetched.out()).isZero();
        VerifierCli.Run verified = VerifierCli.run("verify", "--export", dir.resolve("export.ndjson").toString(),
                "--checkpoints", dir.resolve("checkpoints.json").toString(), "--key", dir.resolve("verifier.key").toString());
        assertThat(verified.status()).as(verified.out()).isZero();
        VerifierCli.Run recounted = VerifierCli.run("recount", "--export", dir.resolve("export.ndjson").toString());
        assertThat(recounted.status()).as(recounted.out()).isZero();

        // the same subject is a new person: signs again, under a new reference
        ok(api.post("/api/v1/petitions/" + open + "/signatures", person, "{}"), 201);
        assertThat(reference("petition:" + open)).isNotEqualTo(signer);
        ok(api.send("PUT", "/api/v1/budget/campaigns/" + YEAR + "/ballots/me", person, ballot, "application/json", Map.of()), 200);
        assertThat(reference("budget:" + YEAR)).isNotEqualTo(voter);
    }

    @Test
    void an_erasure_left_running_by_a_crash_is_finished_at_start_up() {
        String id = openPetition(Tokens.citizen("erasure-author-3", "1970-01-01", "75011"));
        String crashed = Tokens.citizen("erasure-crashed", "1990-02-02", "75020");
        ok(api.post("/api/v1/petitions/" + id + "/signatures", crashed, "{}"), 201);
        // what a crash leaves behind: the key marked erasing, nothing ended yet
        assertThat(subjects.markErasing(subjects.lookup("erasure-crashed"))).isTrue();
        assertThat(api.post("/api/v1/petitions/" + openPetition(Tokens.citizen("erasure-author-4", "1970-01-01", "75011"))
                + "/signatures", crashed, "{}").code()).isEqualTo("participant.erasing");
        assertThat(api.send("DELETE", "/api/v1/participants/me", crashed, null, null, Map.of()).code()).isEqualTo("participant.erasing");

        erasures.resumeInterrupted(); // what the service runs when it is ready, before taking requests

        assertThat(count("SELECT count(*) FROM subject_key WHERE lookup = ?", (Object) subjects.lookup("erasure-crashed"))).isZero();
        assertThat(count("SELECT count(*) FROM domain_event_entry WHERE payload_type LIKE '%PetitionSignatureWithdrawn' "
                + "AND aggregate_identifier LIKE ?", "signature:" + id + ":%")).isEqualTo(1);
    }

    @Test
    void an_admin_erases_on_request_and_only_an_admin() {
        String id = openPetition(Tokens.citizen("erasure-author-5", "1970-01-01", "75011"));
        ok(api.post("/api/v1/petitions/" + id + "/signatures", Tokens.citizen("erasure-dpo-case", "1990-02-02", "75020"), "{}"), 201);
        assertThat(api.post("/api/v1/admin/erasures", AGENT, "{\"subject\":\"erasure-dpo-case\"}").status()).isEqualTo(403);
        assertThat(api.post("/api/v1/admin/erasures", ADMIN, "{}").status()).isEqualTo(400);
        Api.Response r = api.post("/api/v1/admin/erasures", ADMIN, "{\"subject\":\"erasure-dpo-case\"}");
        ok(r, 200);
        assertThat(r.json().path("ended").path("signatures").asInt()).isEqualTo(1);
        assertThat(api.post("/api/v1/admin/erasures", ADMIN, "{\"subject\":\"erasure-dpo-case\"}").code()).isEqualTo("participant.not-found");
    }

    String reference(String scope) {
        Api.Response r = api.get("/api/v1/participants/me/references?scope=" + scope, person);
        ok(r, 200);
        return r.json().path("reference").asText();
    }

    /** A public random value whose SHA256-V1 draw seats {@code mine} and makes {@code theirs} the alternate. */
    static String sourceDrawing(String mine, String theirs) {
        List<PoolEntry> pool = List.of(new PoolEntry(new ApplicationId(mine), "F"), new PoolEntry(new ApplicationId(theirs), "F"));
        for (int i = 0; ; i++) {
            String source = "seed" + i;
            var outcome = SortitionDraw.draw(DrawAlgorithm.SHA256_V1, pool, Map.of("F", 1), 1, List.of(RandomSource.text(source)));
            if (outcome.selected().get("F").get(0).value().equals(mine)) {
                return source;
            }
        }
    }
}
