package fr.paris.ledger.application.petition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.EventLog;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.References;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import java.time.Duration;
import java.util.List;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every petition endpoint over HTTP on PostgreSQL, with each refusal code. */
@LedgerIntegrationTest
class PetitionApiTest {
    private static final String PETITIONS = "/api/v1/petitions";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    PetitionClosingJob closing;
    @Autowired
    Participants participants;
    @Value("${ledger.petitions.decision-grace}")
    Duration decisionGrace;

    Api api;
    Petitions petitions;
    EventLog events;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
        api = new Api(port);
        petitions = new Petitions(api);
        events = new EventLog(jdbc);
    }

    @Test
    void a_petition_is_filed_moderated_published_signed_and_counted() {
        String[] filed = petitions.file();
        String id = filed[0];
        assertThat(id).matches("pet-[0-9a-z]{12}");

        assertThat(api.get(PETITIONS + "/" + id, null).status()).as("not public before moderation").isEqualTo(404);
        JsonNode pending = petitions.eventually(id, p -> "PENDING_MODERATION".equals(p.path("status").asText()));
        assertThat(pending.path("title").asText()).isEqualTo("More trees on the boulevard");
        assertThat(api.get(PETITIONS + "/" + id, filed[1]).status()).as("its author sees it").isEqualTo(200);

        Api.Response published = api.post(PETITIONS + "/" + id + "/moderation", Petitions.AGENT, "{\"decision\":\"PUBLISH\"}");
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().path("status").asText()).isEqualTo("OPEN");
        Instant opensAt = Instant.parse(published.json().path("opensAt").asText());
        assertThat(opensAt).isEqualTo(clock.instant());
        assertThat(Instant.parse(published.json().path("closesAt").asText())).isEqualTo(opensAt.plus(Duration.ofDays(365)));

        Api.Response signed = petitions.sign(id, Petitions.citizen("signer-a", "75020"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        assertThat(signed.json().path("receipt").path("globalIndex").asLong()).isPositive();
        assertThat(petitions.sign(id, Petitions.citizen("signer-b", "75116")).status()).isEqualTo(201);

        // the count (projection petition-signatures) and the status (projection petitions) come from two
        // processors, each eventually consistent: wait for both
        JsonNode open = petitions.eventually(id, p -> p.path("signatureCount").asLong() == 2
                && "OPEN".equals(p.path("status").asText()));
        assertThat(open.path("status").asText()).isEqualTo("OPEN");
        assertThat(open.path("byArrondissement").path("20").asLong()).isEqualTo(1);
        assertThat(open.path("byArrondissement").path("16").asLong()).isEqualTo(1);
        assertThat(open.path("byArrondissement").size()).isEqualTo(20);
        assertThat(open.path("eligible").asBoolean()).isFalse();
        assertThat(open.path("eligibleAt").isNull()).isTrue();
        assertThat(api.get(PETITIONS + "/" + id, null).status()).as("public once published").isEqualTo(200);
        assertThat(api.get(PETITIONS + "/" + id, null).json().has("author")).as("no participant id in public").isFalse();

        assertThat(api.get(PETITIONS + "?status=OPEN", null).json().findValuesAsText("id")).contains(id);
        assertThat(api.get(PETITIONS + "?status=PENDING_MODERATION", null).json().findValuesAsText("id")).doesNotContain(id);
    }

    @Test
    void pending_petitions_are_listed_for_agents_only() {
        String id = petitions.file()[0];
        petitions.eventually(id, p -> id.equals(p.path("id").asText()));
        assertThat(api.get(PETITIONS + "?status=PENDING_MODERATION", Petitions.AGENT).json().findValuesAsText("id")).contains(id);
        assertThat(api.get(PETITIONS + "?status=PENDING_MODERATION", null).json().findValuesAsText("id")).doesNotContain(id);
        assertThat(api.get(PETITIONS + "?status=SOMETHING", null).code()).isEqualTo("request.invalid");
    }

    @Test
    void only_parisians_file_petitions() {
        long before = events.count();
        Api.Response r = api.post(PETITIONS, Petitions.citizen("author-lyon", "69003"), "{\"title\":\"Trams\",\"text\":\"More\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.code()).isEqualTo("petition.not-resident");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_petition_needs_a_title_and_a_text() {
        Api.Response r = api.post(PETITIONS, Petitions.citizen("author-x", "75001"), "{\"title\":\"\",\"arrondissement\":21}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("title", "text", "arrondissement");
    }

    @Test
    void an_agent_rejects_with_a_reason_and_moderates_once() {
        String id = petitions.file()[0];
        assertThat(api.post(PETITIONS + "/" + id + "/moderation", Petitions.AGENT, "{\"decision\":\"REJECT\"}").code())
                .isEqualTo("request.invalid");
        Api.Response rejected = api.post(PETITIONS + "/" + id + "/moderation", Petitions.AGENT,
                "{\"decision\":\"REJECT\",\"reason\":\"outside the city's competence\"}");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().path("status").asText()).isEqualTo("REJECTED");
        Api.Response again = api.post(PETITIONS + "/" + id + "/moderation", Petitions.AGENT, "{\"decision\":\"PUBLISH\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("petition.already-moderated");
        JsonNode seen = petitions.eventually(id, p -> "REJECTED".equals(p.path("status").asText()));
        assertThat(seen.path("moderationReason").asText()).isEqualTo("outside the city's competence");
        assertThat(petitions.sign(id, Petitions.citizen("signer-r", "75001")).code()).isEqualTo("petition.not-open");
    }

    @Test
    void signatures_are_refused_before_publication_and_for_unknown_petitions() {
        String id = petitions.file()[0];
        long before = events.count();
        Api.Response early = petitions.sign(id, Petitions.citizen("signer-early", "75001"));
        assertThat(early.status()).isEqualTo(422);
        assertThat(early.code()).isEqualTo("petition.not-open");
        assertThat(petitions.sign("pet-zzzzzzzzzzzz", Petitions.citizen("signer-early", "75001")).code())
                .isEqualTo("petition.not-found");
        assertThat(petitions.sign("not-a-petition", Petitions.citizen("signer-early", "75001")).status()).isEqualTo(404);
        assertThat(api.post(PETITIONS + "/pet-zzzzzzzzzzzz/moderation", Petitions.AGENT, "{\"decision\":\"PUBLISH\"}").code())
                .isEqualTo("petition.not-found");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void one_signature_per_parisian_and_none_from_outside_paris() {
        String id = petitions.filedAndPublished();
        String bob = Petitions.citizen("signer-bob", "75005");
        assertThat(petitions.sign(id, bob).status()).isEqualTo(201);
        long before = events.count();

        Api.Response twice = petitions.sign(id, bob);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.code()).isEqualTo("petition.already-signed");
        Api.Response outsider = petitions.sign(id, Petitions.citizen("signer-nanterre", "92000"));
        assertThat(outsider.status()).isEqualTo(422);
        assertThat(outsider.code()).isEqualTo("petition.not-resident");
        Api.Response noPostalCode = petitions.sign(id, Tokens.citizen("signer-unknown", "1980-01-01", null));
        assertThat(noPostalCode.code()).isEqualTo("petition.not-resident");
        assertThat(events.count()).isEqualTo(before);
    }

    @Test
    void a_signer_withdraws_and_may_sign_again() {
        String id = petitions.filedAndPublished();
        String carol = Petitions.citizen("signer-carol", "75012");
        assertThat(petitions.sign(id, carol).status()).isEqualTo(201);
        petitions.eventually(id, p -> p.path("signatureCount").asLong() == 1);

        Api.Response withdrawn = api.send("DELETE", PETITIONS + "/" + id + "/signatures/me", carol, null, null, Map.of());
        assertThat(withdrawn.status()).as(withdrawn.toString()).isEqualTo(200);
        assertThat(withdrawn.json().path("receipt").path("eventId").asText()).isNotBlank();
        petitions.eventually(id, p -> p.path("signatureCount").asLong() == 0);

        Api.Response again = api.send("DELETE", PETITIONS + "/" + id + "/signatures/me", carol, null, null, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("petition.not-signed");
        Api.Response never = api.send("DELETE", PETITIONS + "/" + id + "/signatures/me",
                Petitions.citizen("signer-never", "75012"), null, null, Map.of());
        assertThat(never.code()).isEqualTo("petition.not-signed");

        assertThat(petitions.sign(id, carol).status()).isEqualTo(201);
        petitions.eventually(id, p -> p.path("signatureCount").asLong() == 1);
    }

    @Test
    void the_window_closes_after_365_days_and_the_closing_is_recorded() {
        String id = petitions.filedAndPublished();
        String dave = Petitions.citizen("signer-dave", "75009");
        assertThat(petitions.sign(id, dave).status()).isEqualTo(201);

        clock.advance(Duration.ofDays(365).minusMillis(1));
        assertThat(petitions.sign(id, Petitions.citizen("signer-last-minute", "75009")).status()).isEqualTo(201);

        clock.advance(Duration.ofMillis(1));
        Api.Response late = petitions.sign(id, Petitions.citizen("signer-late", "75009"));
        assertThat(late.status()).isEqualTo(422);
        assertThat(late.code()).isEqualTo("petition.not-open");
        Api.Response lateWithdrawal = api.send("DELETE", PETITIONS + "/" + id + "/signatures/me", dave, null, null, Map.of());
        assertThat(lateWithdrawal.code()).isEqualTo("petition.not-open");
        // the count and the status come from two processors: wait for both (the status as read now)
        petitions.eventually(id, p -> p.path("signatureCount").asLong() == 2 && "CLOSED".equals(p.path("status").asText()));
        assertThat(jdbc.queryForObject("SELECT status FROM petition WHERE petition_id = ?", String.class, id))
                .as("not recorded yet").isEqualTo("OPEN");
        assertThat(petitions.petition(id, null).path("status").asText()).as("closed as soon as the window ends").isEqualTo("CLOSED");

        assertThat(closing.closeDuePetitions()).isGreaterThanOrEqualTo(1);
        assertThat(events.count("PetitionClosed")).isGreaterThanOrEqualTo(1);
        assertThat(closing.closeDuePetitions()).as("nothing left to close once recorded").isZero();
        JsonNode history = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get(PETITIONS + "/" + id + "/history", null).json(),
                        h -> h.findValuesAsText("type").contains("CLOSED"));
        assertThat(history.findValuesAsText("type")).containsSubsequence("FILED", "PUBLISHED", "CLOSED");
        assertThat(history.get(history.size() - 1).path("signatureCount").asLong()).isEqualTo(2);
        assertThat(api.get(PETITIONS + "?status=CLOSED", null).json().findValuesAsText("id")).contains(id);
    }

    @Test
    void the_author_withdraws_the_petition_and_signing_stops() {
        String[] filed = petitions.file();
        String id = filed[0];
        api.post(PETITIONS + "/" + id + "/moderation", Petitions.AGENT, "{\"decision\":\"PUBLISH\"}");

        Api.Response notAuthor = api.post(PETITIONS + "/" + id + "/withdraw", Petitions.citizen("someone-else", "75001"), "{}");
        assertThat(notAuthor.status()).isEqualTo(403);
        assertThat(notAuthor.code()).isEqualTo("petition.not-author");

        Api.Response withdrawn = api.post(PETITIONS + "/" + id + "/withdraw", filed[1], "{\"reason\":\"solved by the city\"}");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(petitions.sign(id, Petitions.citizen("signer-after", "75001")).code()).isEqualTo("petition.not-open");
        assertThat(api.post(PETITIONS + "/" + id + "/withdraw", filed[1], "{}").code()).isEqualTo("petition.not-open");
        JsonNode seen = petitions.eventually(id, p -> "WITHDRAWN".equals(p.path("status").asText()));
        assertThat(seen.path("withdrawalReason").asText()).isEqualTo("solved by the city");
    }

    @Test
    void a_petition_withdrawn_before_moderation_is_never_public() {
        String[] filed = petitions.file();
        String id = filed[0];
        assertThat(api.post(PETITIONS + "/" + id + "/withdraw", filed[1], "{}").status()).isEqualTo(200);
        petitions.eventually(id, p -> "WITHDRAWN".equals(p.path("status").asText()));
        assertThat(api.get(PETITIONS + "/" + id, null).status()).isEqualTo(404);
        assertThat(api.get(PETITIONS + "/" + id + "/history", null).status()).isEqualTo(404);
        assertThat(api.get(PETITIONS + "?status=WITHDRAWN", null).json().findValuesAsText("id")).doesNotContain(id);
        assertThat(api.get(PETITIONS + "/" + id, filed[1]).status()).as("its author still sees it").isEqualTo(200);
    }

    @Test
    void participants_comment_on_open_petitions() {
        String pending = petitions.file()[0];
        assertThat(api.post(PETITIONS + "/" + pending + "/comments", Petitions.citizen("commenter", "75001"),
                "{\"text\":\"early\"}").code()).isEqualTo("petition.not-open");

        String id = petitions.filedAndPublished();
        Api.Response c = api.post(PETITIONS + "/" + id + "/comments", Petitions.citizen("commenter", "75001"),
                "{\"text\":\"Good idea.\"}");
        assertThat(c.status()).isEqualTo(201);
        assertThat(c.json().path("commentId").asText()).startsWith("com-");
        assertThat(c.json().path("receipt").path("eventId").asText()).isNotBlank();
        assertThat(api.post(PETITIONS + "/" + id + "/comments", Petitions.citizen("commenter", "75001"), "{\"text\":\"\"}").status())
                .isEqualTo(400);

        JsonNode comments = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get(PETITIONS + "/" + id + "/comments", null).json().path("items"), j -> j.size() == 1);
        assertThat(comments.get(0).path("commentId").asText()).isEqualTo(c.json().path("commentId").asText());
        assertThat(comments.get(0).path("text").asText()).isEqualTo("Good idea.");
        assertThat(comments.get(0).path("erased").asBoolean()).isFalse();
        assertThat(comments.get(0).has("author")).isFalse();
        // the event holds the text sealed, and its author by their reference in the scope of the petition's comments
        String payload = jdbc.queryForObject("SELECT payload::text FROM event_log WHERE event_identifier = ?", String.class,
                c.json().path("receipt").path("eventId").asText());
        assertThat(payload).contains("\"author\": \"" + new References(participants).of("commenter", ReferenceScope.comment(id)) + "\"")
                .contains("\"sealedText\": ").doesNotContain("Good idea").doesNotContain("commenter");
    }

    @Test
    void the_count_as_of_a_moment_is_recounted_from_the_events() {
        String[] filed = petitions.file();
        String id = filed[0];
        Instant beforePublication = clock.instant();
        clock.advance(Duration.ofMinutes(1));
        api.post(PETITIONS + "/" + id + "/moderation", Petitions.AGENT, "{\"decision\":\"PUBLISH\"}");
        clock.advance(Duration.ofMinutes(1));
        petitions.sign(id, Petitions.citizen("asof-1", "75001"));
        petitions.sign(id, Petitions.citizen("asof-2", "75002"));
        // asOf is answered at second precision (rounded down): the next whole second is after both signatures
        Instant afterTwo = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        clock.advance(Duration.ofMinutes(1));
        petitions.sign(id, Petitions.citizen("asof-3", "75003"));
        api.send("DELETE", PETITIONS + "/" + id + "/signatures/me", Petitions.citizen("asof-1", "75001"), null, null, Map.of());

        assertThat(api.get(PETITIONS + "/" + id + "/signatures/count?asOf=" + beforePublication, null).json()
                .path("validSignatures").asLong()).isZero();
        JsonNode atTwo = api.get(PETITIONS + "/" + id + "/signatures/count?asOf=" + afterTwo, null).json();
        assertThat(atTwo.path("validSignatures").asLong()).isEqualTo(2);
        assertThat(atTwo.path("asOf").asText()).isEqualTo(afterTwo.toString());
        JsonNode withinTheSecond = api.get(PETITIONS + "/" + id + "/signatures/count?asOf=" + afterTwo.plusMillis(999), null).json();
        assertThat(withinTheSecond.path("asOf").asText()).as("rounded down to its second").isEqualTo(afterTwo.toString());
        assertThat(api.get(PETITIONS + "/" + id + "/signatures/count", null).json().path("validSignatures").asLong()).isEqualTo(2);
        assertThat(api.get(PETITIONS + "/" + id + "/signatures/count?asOf=yesterday", null).code()).isEqualTo("request.invalid");
    }

    @Test
    void the_report_is_for_the_cpdp_and_auditors_and_decisions_for_the_cpdp() {
        String id = petitions.filedAndPublished();
        petitions.sign(id, Petitions.citizen("report-1", "75001"));

        Api.Response report = api.get(PETITIONS + "/" + id + "/eligibility", Petitions.CPDP);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.json().path("threshold").asInt()).isEqualTo(5000);
        assertThat(report.json().path("validSignatures").asLong()).isEqualTo(1);
        assertThat(report.json().path("excluded").path("withdrawn").asLong()).isZero();
        assertThat(report.json().path("byArrondissement").path("1").asLong()).isEqualTo(1);
        assertThat(api.get(PETITIONS + "/" + id + "/eligibility", Petitions.AUDITOR).status()).isEqualTo(200);
        assertThat(api.get(PETITIONS + "/" + id + "/eligibility", Petitions.citizen("curious", "75001")).status()).isEqualTo(403);
        assertThat(api.get(PETITIONS + "/" + id + "/eligibility", Petitions.AGENT).status()).isEqualTo(403);
        assertThat(api.get(PETITIONS + "/" + id + "/eligibility", null).status()).isEqualTo(401);

        assertThat(api.post(PETITIONS + "/" + id + "/moderation", Petitions.citizen("curious", "75001"),
                "{\"decision\":\"PUBLISH\"}").status()).isEqualTo(403);
        String placement = "{\"decision\":\"PLACE_ON_AGENDA\",\"councilSession\":\"2027-02-03\"}";
        assertThat(api.post(PETITIONS + "/" + id + "/cpdp-decision", Petitions.AGENT, placement).status()).isEqualTo(403);
        long before = events.count();
        // the test clock stands still: move it past the decision grace, so that the decision counts the signature
        clock.advance(Duration.ofSeconds(1));
        Api.Response notEligible = api.post(PETITIONS + "/" + id + "/cpdp-decision", Petitions.CPDP, placement);
        assertThat(notEligible.status()).isEqualTo(422);
        assertThat(notEligible.code()).isEqualTo("petition.not-eligible");
        assertThat(notEligible.json().path("detail").asText()).contains("has 1 valid signatures");
        assertThat(events.count()).isEqualTo(before);

        clock.advance(Duration.ofDays(366));
        Api.Response declined = api.post(PETITIONS + "/" + id + "/cpdp-decision", Petitions.CPDP,
                "{\"decision\":\"DECLINE\",\"reason\":\"below the threshold at the end of the window\"}");
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        assertThat(declined.json().path("status").asText()).isEqualTo("DECLINED");
        assertThat(api.post(PETITIONS + "/" + id + "/cpdp-decision", Petitions.CPDP,
                "{\"decision\":\"DECLINE\",\"reason\":\"again\"}").code()).isEqualTo("petition.already-decided");
    }

    @Test
    void the_decision_counts_as_of_the_grace_before_it_and_the_report_agrees() throws Exception {
        String id = petitions.file()[0];
        Api.Response published = api.post(PETITIONS + "/" + id + "/moderation", Petitions.AGENT, "{\"decision\":\"PUBLISH\"}");
        Instant closesAt = Instant.parse(published.json().path("closesAt").asText());
        // one signature stamped well before the decision, one within the grace before it; the window ends in between
        clock.set(closesAt.minusSeconds(1));
        assertThat(petitions.sign(id, Petitions.citizen("grace-before", "75001")).status()).isEqualTo(201);
        Instant decidedAt = closesAt.plus(decisionGrace.dividedBy(4));
        clock.set(decidedAt.minus(decisionGrace.dividedBy(2)));
        assertThat(petitions.sign(id, Petitions.citizen("grace-within", "75002")).status()).isEqualTo(201);
        clock.set(decidedAt);

        Api.Response declined = api.post(PETITIONS + "/" + id + "/cpdp-decision", Petitions.CPDP,
                "{\"decision\":\"DECLINE\",\"reason\":\"below the threshold\"}");
        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        assertThat(declined.json().path("validSignatures").asLong()).as("the signature stamped within the grace is not counted")
                .isEqualTo(1);
        String payload = jdbc.queryForObject("SELECT payload::text FROM event_log WHERE event_identifier = ?", String.class,
                declined.json().path("receipt").path("eventId").asText());
        Instant countedAsOf = Instant.parse(new com.fasterxml.jackson.databind.ObjectMapper().readTree(payload)
                .path("decidedAt").asText());
        assertThat(countedAsOf).as("recorded as of the grace before the request").isEqualTo(decidedAt.minus(decisionGrace));

        // the report recounts against the window the decision ended at its countedAsOf: the same count
        JsonNode report = api.get(PETITIONS + "/" + id + "/eligibility", Petitions.CPDP).json();
        assertThat(Instant.parse(report.path("windowEnd").asText())).isEqualTo(countedAsOf);
        assertThat(report.path("validSignatures").asLong()).isEqualTo(declined.json().path("validSignatures").asLong());
        assertThat(report.path("excluded").path("outsideWindow").asLong()).isEqualTo(1);
    }

    @Test
    void comments_are_paged_oldest_first_and_an_agent_hides_one_with_a_reason() {
        String id = petitions.filedAndPublished();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(api.post(PETITIONS + "/" + id + "/comments", Petitions.citizen("pager-" + i, "75001"),
                    "{\"text\":\"Comment " + i + "\"}").json().path("commentId").asText());
            clock.advance(Duration.ofSeconds(1));
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get(PETITIONS + "/" + id + "/comments?limit=200", null).json().path("items").size() == 5);
        List<String> seen = new java.util.ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = api.get(PETITIONS + "/" + id + "/comments?limit=2" + (after == null ? "" : "&after=" + after), null).json();
            page.path("items").forEach(c -> seen.add(c.path("commentId").asText()));
            after = page.has("next") ? page.path("next").asText() : null;
            pages++;
        } while (after != null);
        assertThat(seen).isEqualTo(ids);
        assertThat(pages).isEqualTo(3);
        assertThat(api.get(PETITIONS + "/" + id + "/comments?limit=201", null).code()).isEqualTo("request.invalid");
        assertThat(api.get(PETITIONS + "/" + id + "/comments?limit=0", null).status()).isEqualTo(400);
        assertThat(api.get(PETITIONS + "/" + id + "/comments?after=garbage", null).status()).isEqualTo(400);

        String hide = PETITIONS + "/" + id + "/comments/" + ids.get(1) + "/hide";
        assertThat(api.post(hide, Petitions.citizen("pager-0", "75001"), "{\"reason\":\"abusive\"}").status()).isEqualTo(403);
        assertThat(api.post(hide, Petitions.AGENT, "{}").code()).isEqualTo("request.invalid");
        Api.Response hidden = api.post(hide, Petitions.AGENT, "{\"reason\":\"abusive\"}");
        assertThat(hidden.status()).as(hidden.toString()).isEqualTo(200);
        assertThat(api.post(hide, Petitions.AGENT, "{\"reason\":\"abusive\"}").code()).isEqualTo("petition.comment-hidden");
        assertThat(api.post(PETITIONS + "/" + id + "/comments/com-00000000-0000-0000-0000-000000000000/hide", Petitions.AGENT,
                "{\"reason\":\"x\"}").code()).isEqualTo("petition.comment-not-found");
        JsonNode second = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get(PETITIONS + "/" + id + "/comments", null).json().path("items").get(1),
                        c -> c.path("hidden").asBoolean());
        assertThat(second.path("text").isNull()).isTrue();
        assertThat(second.path("hiddenReason").asText()).isEqualTo("abusive");
        assertThat(second.path("erased").asBoolean()).isFalse();
    }
}
