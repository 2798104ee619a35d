package fr.paris.ledger.application.participant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.Campaigns;
import fr.paris.ledger.application.support.PaperBatches;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.PaperBatches;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.privacy.PrivacyKeys;
import fr.paris.ledger.infra.privacy.SubjectKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Privacy by design over HTTP on PostgreSQL: a person with a distinctive subject, birth date and
 * postal code acts with every instrument; the public export, the read models, the event table and
 * the service's log hold none of those; their references differ per scope; staff references are
 * accountable to auditors only; and a wrong master key refuses to serve known subjects.
 */
@LedgerIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class PrivacyTest {
    static final String SUB = "zq-distinct-subject-4417";
    static final String BIRTHDATE = "1994-07-23";
    static final String POSTAL_CODE = "75013";
    static final int YEAR = 2032;
    static final String ADMIN = Tokens.withRoles("privacy-admin", "ADMIN");
    static final String AGENT = Tokens.withRoles("privacy-agent-sub", "AGENT");
    static final String AUDITOR = Tokens.withRoles("privacy-auditor", "AUDITOR");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    SubjectKeys subjects;

    Api api;
    final String person = Tokens.citizen(SUB, BIRTHDATE, POSTAL_CODE);

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
        api = new Api(port);
    }

    static void ok(Api.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }

    /** A petition filed by {@code author} and published by the agent; its id. */
    String openPetition(String author) {
        Api.Response filed = api.post("/api/v1/petitions", author,
                "{\"title\":\"Quiet streets on Sundays\",\"text\":\"Close the street to cars.\",\"arrondissement\":13}");
        ok(filed, 201);
        String id = filed.json().path("id").asText();
        ok(api.post("/api/v1/petitions/" + id + "/moderation", AGENT, "{\"decision\":\"PUBLISH\"}"), 200);
        return id;
    }

    String reference(String token, String scope) {
        Api.Response r = api.get("/api/v1/participants/me/references?scope=" + scope, token);
        ok(r, 200);
        return r.json().path("reference").asText();
    }

    @Test
    void the_public_export_read_models_event_table_and_log_hold_no_identity_and_references_do_not_link(CapturedOutput output) {
        // before any act: no key is created by asking, and an unknown scope is refused
        assertThat(api.get("/api/v1/participants/me/references?scope=card", person).code()).isEqualTo("participant.not-found");
        assertThat(api.get("/api/v1/participants/me/references?scope=nowhere:1", person).status()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key", Long.class)).isZero();

        // every kind of act
        Api.Response card = api.post("/api/v1/citizen-cards", person, "{}", "privacy-card-1");
        ok(card, 201);
        String cardNumber = card.json().path("cardNumber").asText();
        ok(api.post("/api/v1/card-events", AGENT, "{\"eventId\":\"privacy-atelier\",\"kind\":\"WORKSHOP\",\"title\":\"Atelier\","
                + "\"startsAt\":\"" + clock.instant().plus(Duration.ofDays(3)) + "\",\"seats\":5}"), 201);
        ok(api.post("/api/v1/card-events/privacy-atelier/reservations", person, "{}"), 201);
        String p1 = openPetition(Tokens.citizen("privacy-author-1", "1970-01-01", "75011"));
        String p2 = openPetition(Tokens.citizen("privacy-author-2", "1970-01-01", "75011"));
        ok(api.post("/api/v1/petitions/" + p1 + "/signatures", person, "{}"), 201);
        ok(api.post("/api/v1/petitions/" + p2 + "/signatures", person, "{}"), 201);
        ok(api.post("/api/v1/petitions/" + p1 + "/comments", person, "{\"text\":\"I live nearby and agree.\"}"), 201);
        String own = openPetition(person);
        String[] project = budgetInVoting();
        ok(api.send("PUT", "/api/v1/budget/campaigns/" + YEAR + "/ballots/me", person,
                "{\"parisWide\":[\"" + project[0] + "\"],\"arrondissement\":null,\"arrondissementProjects\":[]}",
                "application/json", Map.of()), 200);
        new PaperBatches(api, YEAR).count("p1", AGENT, Tokens.withRoles("privacy-agent-2", "AGENT"),
                PaperBatches.paper("P-1", SUB, project[0]));
        ok(api.post("/api/v1/councils", ADMIN, "{\"councilId\":\"privacy-council\",\"name\":\"Comité\",\"seats\":2,"
                + "\"residentsOnly\":true,\"quotas\":{\"F\":1,\"M\":1},\"mandateMonths\":24,\"renewable\":false}"), 201);
        ok(api.post("/api/v1/councils/privacy-council/calls", ADMIN, "{\"callId\":\"c1\",\"seats\":{\"F\":1,\"M\":1},\"alternatesPerGroup\":1}"), 201);
        ok(api.post("/api/v1/councils/privacy-council/calls/c1/applications", person, "{\"group\":\"F\"}"), 201);
        // an expected refusal: withdrawing a signature that does not exist
        Api.Response refused = api.send("DELETE", "/api/v1/petitions/" + own + "/signatures/me", person, null, null, Map.of());
        assertThat(refused.code()).isEqualTo("petition.not-signed");

        // references: one per scope, none linkable to another
        Set<String> references = new HashSet<>(List.of(reference(person, "petition:" + p1), reference(person, "petition:" + p2),
                reference(person, "budget:" + YEAR), reference(person, "council:privacy-council")));
        assertThat(references).hasSize(4).allMatch(r -> r.startsWith("r-"));

        // the public export, once every event is sealed
        long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        String export = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/v1/audit/export", AUDITOR).body(), e -> e.lines().count() >= total);
        List<String> secrets = List.of(SUB, BIRTHDATE, POSTAL_CODE, cardNumber, "I live nearby and agree.");
        for (String secret : secrets) {
            assertThat(export).as("the export holds " + secret).doesNotContain(secret);
        }
        assertThat(export).doesNotContain("postalCode").doesNotContain("birthYear").doesNotContain("birthdate")
                .doesNotContain("agesOutOn").doesNotContain("cardNumber");
        for (String reference : references) {
            assertThat(export).as("my act is findable by its reference").contains(reference);
        }

        // the event table itself, payloads and metadata
        String stored = String.join("\n", jdbc.queryForList("""
                SELECT aggregate_identifier || convert_from(payload, 'UTF8') || convert_from(meta_data, 'UTF8')
                FROM domain_event_entry""", String.class));
        for (String secret : secrets) {
            assertThat(stored).as("the event table holds " + secret).doesNotContain(secret);
        }

        // every read model: each row of each table, as text (the keys' own tables hold keyed hashes only)
        StringBuilder rows = new StringBuilder();
        for (String table : jdbc.queryForList("""
                SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'
                AND table_name NOT IN ('staff_member', 'idempotency_key', 'flyway_schema_history', 'domain_event_entry')""",
                String.class)) {
            jdbc.queryForList("SELECT t::text FROM \"" + table + "\" t", String.class).forEach(r -> rows.append(r).append('\n'));
        }
        for (String secret : secrets) {
            assertThat(rows.toString()).as("a table holds " + secret).doesNotContain(secret);
        }
        assertThat(jdbc.queryForList("SELECT principal FROM idempotency_key", String.class)).isNotEmpty().doesNotContain(SUB);
        // the stored answer to the card request holds the card number: sealed under the person's key
        String answers = String.join("\n", jdbc.queryForList("SELECT response_body FROM idempotency_key", byte[].class)
                .stream().map(b -> new String(b, java.nio.charset.StandardCharsets.ISO_8859_1)).toList());
        assertThat(answers).isNotEmpty().doesNotContain(cardNumber).doesNotContain(SUB);
        Api.Response replayed = api.post("/api/v1/citizen-cards", person, "{}", "privacy-card-1");
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().path("cardNumber").asText()).isEqualTo(cardNumber);

        // the service's log during all of this
        for (String secret : secrets) {
            assertThat(output.getAll()).as("the log holds " + secret).doesNotContain(secret);
        }
        for (String reference : references) {
            assertThat(output.getAll()).as("the log holds a reference").doesNotContain(reference);
        }
        assertThat(output.getAll()).as("an expected refusal is no stack trace").doesNotContain("\tat org.axonframework")
                .doesNotContain("\tat fr.paris.ledger");
        assertThat(output.getAll().lines().filter(l -> l.contains("petition.not-signed")))
                .as("an expected refusal is one log line").hasSize(1)
                .allMatch(l -> l.contains("Refused petition.not-signed: 409 DELETE /api/v1/petitions/{id}/signatures/me"));
    }

    /** A campaign in VOTING with one feasible Paris-wide project (submitted by the person); its id. */
    String[] budgetInVoting() {
        return new String[] {Campaigns.oneProjectInVoting(api, YEAR, person, ADMIN, AGENT)};
    }

    @Test
    void staff_acts_carry_a_staff_reference_that_an_auditor_resolves_and_a_citizen_cannot() {
        String id = openPetition(Tokens.citizen("privacy-author-3", "1970-01-01", "75011"));
        String moderator = jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'moderator' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%PetitionPublished'""", String.class, "petition:" + id);
        assertThat(moderator).startsWith("s-").doesNotContain("privacy-agent-sub");
        Api.Response resolved = api.get("/api/v1/admin/staff/" + moderator, AUDITOR);
        ok(resolved, 200);
        assertThat(resolved.json().path("subject").asText()).isEqualTo("privacy-agent-sub");
        ok(api.get("/api/v1/admin/staff/" + moderator, ADMIN), 200);
        assertThat(api.get("/api/v1/admin/staff/" + moderator, person).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/admin/staff/s-unknown", AUDITOR).code()).isEqualTo("staff.not-found");
        // the same agent is the same reference in every scope ("another agent confirms" can be checked)
        String other = openPetition(Tokens.citizen("privacy-author-4", "1970-01-01", "75011"));
        assertThat(jdbc.queryForObject("""
                SELECT convert_from(payload, 'UTF8')::jsonb ->> 'moderator' FROM domain_event_entry
                WHERE aggregate_identifier = ? AND payload_type LIKE '%PetitionPublished'""", String.class, "petition:" + other))
                .isEqualTo(moderator);

        // a paper batch: entered by one agent, countersigned by another, both accountable to an auditor
        String project = Campaigns.oneProjectInVoting(api, YEAR + 1, person, ADMIN, AGENT);
        String countersigner = Tokens.withRoles("privacy-countersigner-sub", "AGENT");
        PaperBatches paper = new PaperBatches(api, YEAR + 1);
        paper.count("pb1", AGENT, countersigner, PaperBatches.paper("PB-1", "privacy-paper-voter", project));
        Api.Response batches = await().atMost(Duration.ofSeconds(20)).until(() -> paper.list(AUDITOR),
                r -> r.status() == 200 && r.json().path("items").size() == 1 && !r.json().path("items").get(0).path("confirmedBy").isNull());
        String enteredBy = batches.json().path("items").get(0).path("enteredBy").asText();
        String confirmedBy = batches.json().path("items").get(0).path("confirmedBy").asText();
        assertThat(enteredBy).isEqualTo(moderator); // the same agent, the same staff reference everywhere
        assertThat(api.get("/api/v1/admin/staff/" + confirmedBy, AUDITOR).json().path("subject").asText())
                .isEqualTo("privacy-countersigner-sub");
        assertThat(paper.list(person).status()).isEqualTo(403);
        assertThat(batches.body()).doesNotContain("privacy-agent-sub").doesNotContain("privacy-countersigner-sub")
                .doesNotContain("privacy-paper-voter");
    }

    @Test
    void a_first_act_creates_the_subject_key_in_its_own_transaction_and_a_refused_one_leaves_none() {
        String firstTimer = Tokens.citizen("privacy-first-timer", "1988-02-02", "75019");
        Api.Response filed = api.post("/api/v1/petitions", Tokens.citizen("privacy-author-6", "1970-01-01", "75011"),
                "{\"title\":\"Benches on the canal\",\"text\":\"More benches along the canal.\",\"arrondissement\":19}");
        ok(filed, 201);
        String id = filed.json().path("id").asText();
        // refused by the rules (the petition awaits moderation): the key made for the act is rolled back with it
        Api.Response refused = api.post("/api/v1/petitions/" + id + "/signatures", firstTimer, "{}");
        assertThat(refused.status()).as(refused.toString()).isBetween(400, 499);
        assertThat(subjects.find("privacy-first-timer")).isEmpty();
        assertThat(api.get("/api/v1/participants/me/references?scope=petition:" + id, firstTimer).code())
                .isEqualTo("participant.not-found");
        // accepted: the key and the signature commit together, and the key names the signature
        ok(api.post("/api/v1/petitions/" + id + "/moderation", AGENT, "{\"decision\":\"PUBLISH\"}"), 200);
        ok(api.post("/api/v1/petitions/" + id + "/signatures", firstTimer, "{}"), 201);
        assertThat(subjects.find("privacy-first-timer")).isPresent();
        String signer = reference(firstTimer, "petition:" + id);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, "signature:" + id + ":" + signer)).isEqualTo(1L);
        // a retry of the same person is refused as a duplicate, not counted as someone new
        assertThat(api.post("/api/v1/petitions/" + id + "/signatures", firstTimer, "{}").status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key", Long.class))
                .isEqualTo(jdbc.queryForObject("SELECT count(DISTINCT lookup) FROM subject_key", Long.class));
    }

    @Test
    void other_privacy_keys_than_the_database_was_made_with_refuse_to_start_and_never_mint_keys() {
        ok(api.post("/api/v1/petitions/" + openPetition(Tokens.citizen("privacy-author-5", "1970-01-01", "75011"))
                + "/signatures", Tokens.citizen("privacy-known", "1970-01-01", "75011"), "{}"), 201);
        long keys = jdbc.queryForObject("SELECT count(*) FROM subject_key", Long.class);
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        PrivacyKeys current = applicationKeys();
        SubjectKeys wrongMaster = new SubjectKeys(jdbc, new PrivacyKeys(random, current.lookup(), current.staff()), Clock.systemUTC());
        org.assertj.core.api.Assertions.assertThatThrownBy(wrongMaster::checkKeysAndJournal)
                .hasMessageContaining("LEDGER_SUBJECT_MASTER_KEY");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrongMaster.findOrCreate("privacy-known"))
                .hasMessageContaining("No new key is created");
        SubjectKeys wrongLookup = new SubjectKeys(jdbc, new PrivacyKeys(current.master(), random, current.staff()), Clock.systemUTC());
        org.assertj.core.api.Assertions.assertThatThrownBy(wrongLookup::checkKeysAndJournal)
                .hasMessageContaining("LEDGER_SUBJECT_LOOKUP_KEY");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM subject_key", Long.class)).isEqualTo(keys);
    }

    @Autowired
    PrivacyKeys privacyKeys;

    PrivacyKeys applicationKeys() {
        return privacyKeys;
    }
}
