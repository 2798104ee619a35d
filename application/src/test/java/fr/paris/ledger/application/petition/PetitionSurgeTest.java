package fr.paris.ledger.application.petition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.AtOnce;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.References;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.infra.privacy.Participants;
import fr.paris.ledger.infra.privacy.ReferenceScope;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signatures under concurrency: one per participant exactly, and a petition crossing the 5,000
 * threshold with withdrawals and refused non-residents, whose live count, eligibility report and a
 * deliberately simple recount of the raw events all agree.
 */
@LedgerIntegrationTest
class PetitionSurgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Participants participants;
    @Autowired
    TestClock clock;
    @Autowired
    io.micrometer.core.instrument.MeterRegistry meters;

    Api api;
    Petitions petitions;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        petitions = new Petitions(api);
    }

    @Test
    void fifty_simultaneous_signatures_of_one_participant_give_exactly_one() throws Exception {
        String id = petitions.filedAndPublished();
        String token = Petitions.citizen("surge-eager", "75011");
        List<Callable<Api.Response>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(() -> petitions.sign(id, token));
        }
        var groups = meters.get("ledger.group_commit.acts").summary();
        long groupsBefore = groups.count();
        double actsBefore = groups.totalAmount();
        List<Api.Response> responses = AtOnce.run(50, tasks);
        assertThat(groups.totalAmount() - actsBefore).as("every signature went through the group commit").isEqualTo(50.0);
        assertThat(groups.count() - groupsBefore).as("simultaneous acts share groups (ADR 020)").isLessThan(50);

        Map<Integer, Long> byStatus = responses.stream().collect(Collectors.groupingBy(Api.Response::status, Collectors.counting()));
        assertThat(byStatus).as(responses.toString()).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, 49L));
        assertThat(responses.stream().filter(r -> r.status() == 409).map(Api.Response::code)).containsOnly("petition.already-signed");
        // the signature is named by the signer's reference in the scope of this petition, never by their sub
        String signer = new References(participants).of("surge-eager", ReferenceScope.petition(id));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                "signature:" + id + ":" + signer)).isEqualTo(1L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?", Long.class,
                "%surge-eager%")).isZero();
    }

    @Test
    void a_petition_crosses_5000_valid_signatures_with_withdrawals_and_non_residents_mixed_in() throws Exception {
        String id = petitions.filedAndPublished();
        String[] paris = {"75001", "75005", "75011", "75015", "75116", "75020"};

        // 5,100 Parisians sign, 60 people from outside Paris try to, then 150 signers withdraw: 4,950 stand
        List<Callable<Integer>> signing = new ArrayList<>();
        for (int i = 0; i < 5_100; i++) {
            String token = Petitions.citizen("surge-" + i, paris[i % paris.length]);
            signing.add(() -> petitions.sign(id, token).status());
        }
        for (int i = 0; i < 60; i++) {
            String token = Petitions.citizen("surge-outsider-" + i, "93200");
            signing.add(() -> petitions.sign(id, token).status() == 422 ? -422 : 0);
        }
        List<Integer> statuses = AtOnce.run(8, signing);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(5_100);
        assertThat(statuses.stream().filter(s -> s == -422).count()).as("non-residents refused").isEqualTo(60);

        List<Callable<Integer>> withdrawing = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            String token = Petitions.citizen("surge-" + (i * 7), paris[(i * 7) % paris.length]);
            withdrawing.add(() -> api.send("DELETE", "/api/v1/petitions/" + id + "/signatures/me", token, null, null, Map.of()).status());
        }
        assertThat(AtOnce.run(8, withdrawing)).containsOnly(200);

        JsonNode below = petitions.eventually(id, p -> p.path("signatureCount").asLong() == 4_950);
        assertThat(below.path("eligible").asBoolean()).isFalse();
        // the test clock stands still: a decision counts as of the decision grace before it, so move it past the grace
        clock.advance(Duration.ofSeconds(1));
        assertThat(api.post("/api/v1/petitions/" + id + "/cpdp-decision", Petitions.CPDP,
                "{\"decision\":\"PLACE_ON_AGENDA\",\"councilSession\":\"2027-02-03\"}").code()).isEqualTo("petition.not-eligible");

        // 60 more: 5,010 stand
        List<Callable<Integer>> more = new ArrayList<>();
        for (int i = 5_100; i < 5_160; i++) {
            String token = Petitions.citizen("surge-" + i, paris[i % paris.length]);
            more.add(() -> petitions.sign(id, token).status());
        }
        assertThat(AtOnce.run(8, more)).containsOnly(201);

        JsonNode live = petitions.eventually(id, p -> p.path("signatureCount").asLong() == 5_010);
        assertThat(live.path("eligible").asBoolean()).isTrue();

        SimpleRecount raw = simpleRecount(id);
        JsonNode report = api.get("/api/v1/petitions/" + id + "/eligibility", Petitions.AUDITOR).json();

        assertThat(raw.valid).isEqualTo(5_010);
        assertThat(report.path("validSignatures").asLong()).isEqualTo(raw.valid);
        assertThat(live.path("signatureCount").asLong()).isEqualTo(raw.valid);
        assertThat(report.path("excluded").path("withdrawn").asLong()).isEqualTo(raw.withdrawn).isEqualTo(150);
        assertThat(report.path("excluded").path("notResident").asLong()).isZero();
        assertThat(report.path("excluded").path("outsideWindow").asLong()).isZero();
        assertThat(report.path("excluded").path("duplicate").asLong()).isZero();
        assertThat(report.path("eligible").asBoolean()).isTrue();
        Map<String, Long> reportByArrondissement = new TreeMap<>();
        report.path("byArrondissement").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                reportByArrondissement.put(e.getKey(), e.getValue().asLong());
            }
        });
        assertThat(reportByArrondissement).isEqualTo(raw.byArrondissement);
        Map<String, Long> liveByArrondissement = new TreeMap<>();
        live.path("byArrondissement").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() > 0) {
                liveByArrondissement.put(e.getKey(), e.getValue().asLong());
            }
        });
        assertThat(liveByArrondissement).isEqualTo(raw.byArrondissement);
        assertThat(Instant.parse(report.path("thresholdReachedAt").asText())).isEqualTo(raw.fiveThousandth);
        assertThat(Instant.parse(live.path("eligibleAt").asText())).isEqualTo(raw.fiveThousandth);
        assertThat(api.get("/api/v1/petitions/" + id + "/signatures/count", null).json().path("validSignatures").asLong())
                .isEqualTo(raw.valid);

        clock.advance(Duration.ofSeconds(1));
        var placed = api.post("/api/v1/petitions/" + id + "/cpdp-decision", Petitions.CPDP,
                "{\"decision\":\"PLACE_ON_AGENDA\",\"councilSession\":\"2027-02-03\"}");
        assertThat(placed.status()).as(placed.toString()).isEqualTo(200);
        assertThat(placed.json().path("status").asText()).isEqualTo("ON_COUNCIL_AGENDA");
        assertThat(placed.json().path("validSignatures").asLong()).isEqualTo(5_010);
        String payload = jdbc.queryForObject("SELECT payload::text FROM event_log WHERE event_identifier = ?", String.class,
                placed.json().path("receipt").path("eventId").asText());
        assertThat(payload).contains("\"validSignatures\": 5010").contains("\"councilSession\": \"2027-02-03\"");
        assertThat(petitions.sign(id, Petitions.citizen("surge-too-late", "75001")).code()).isEqualTo("petition.not-open");
    }

    /** The result of {@link #simpleRecount}. */
    record SimpleRecount(long valid, long withdrawn, Map<String, Long> byArrondissement, Instant fiveThousandth) {
    }

    /**
     * A deliberately simple recount: every event of the petition's signatures read raw from the
     * event table into memory, each signer's last word decides, then plain counting and sorting.
     */
    private SimpleRecount simpleRecount(String petitionId) throws Exception {
        Map<String, Object> published = jdbc.queryForMap(
                "SELECT payload::text AS p FROM event_log WHERE aggregate_identifier = ? AND payload_type LIKE '%.PetitionPublished'",
                "petition:" + petitionId);
        JsonNode window = JSON.readTree((String) published.get("p"));
        Instant opens = Instant.parse(window.path("opensAt").asText());
        Instant closes = Instant.parse(window.path("closesAt").asText());

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT aggregate_identifier AS a, sequence_number AS s, payload_type AS t, payload::text AS p
                FROM event_log WHERE aggregate_identifier LIKE ? ORDER BY sequence_number""", "signature:" + petitionId + ":%");
        Map<String, JsonNode> lastSigning = new HashMap<>();
        long withdrawn = 0;
        for (Map<String, Object> row : rows) {
            String signer = (String) row.get("a");
            JsonNode payload = JSON.readTree((String) row.get("p"));
            if (((String) row.get("t")).endsWith(".PetitionSigned")) {
                lastSigning.put(signer, payload);
            } else {
                lastSigning.remove(signer);
                withdrawn++;
            }
        }
        List<Instant> times = new ArrayList<>();
        Map<String, Long> byArrondissement = new TreeMap<>();
        for (JsonNode s : lastSigning.values()) {
            // the event records the arrondissement residence was judged on (1-20), not the postal code
            assertThat(s.has("postalCode")).isFalse();
            int n = s.path("arrondissement").asInt();
            boolean parisian = n >= 1 && n <= 20;
            Instant at = Instant.parse(s.path("signedAt").asText());
            if (parisian && !at.isBefore(opens) && at.isBefore(closes)) {
                times.add(at);
                byArrondissement.merge(Integer.toString(n), 1L, Long::sum);
            }
        }
        times.sort(null);
        return new SimpleRecount(times.size(), withdrawn, byArrondissement, times.size() >= 5_000 ? times.get(4_999) : null);
    }
}
