package fr.paris.ledger.application.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.AtOnce;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.infra.projection.ProjectionStatus;
import fr.paris.ledger.infra.projection.Projections;
import fr.paris.ledger.projections.petition.PetitionSignatureProjection;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The set-based rebuild of {@code petition-signatures} (what its admin replay runs) gives, row for
 * row, what the event-by-event projection gave on a seeded random history (signatures, withdrawals,
 * re-signatures from another arrondissement, signatures twice refused, non-residents refused), on
 * two segments; the processor then goes on from the token the rebuild left, and a rebuild while
 * signatures keep arriving loses none.
 */
@LedgerIntegrationTest
class PetitionSignatureRebuildTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NAME = PetitionSignatureProjection.NAME;
    private static final String ADMIN = Tokens.withRoles("rebuild-admin", "ADMIN");
    private static final String[] PARIS = {"75001", "75002", "75005", "75011", "75013", "75015", "75116", "75018", "75020"};

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Projections projections;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    DataSource dataSource;

    Api api;
    Petitions petitions;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        petitions = new Petitions(api);
    }

    /** Who a signer is in the history: their sub, and where they live now. */
    private static final class Signer {
        final String sub;
        String postalCode;

        Signer(String sub, String postalCode) {
            this.sub = sub;
            this.postalCode = postalCode;
        }

        String token() {
            return Petitions.citizen(sub, postalCode);
        }
    }

    @Test
    void the_rebuild_gives_the_projections_rows_and_the_processor_goes_on_from_its_token() throws Exception {
        twoSegments();
        Random random = new Random(18);
        List<String> ids = List.of(petitions.filedAndPublished(), petitions.filedAndPublished(), petitions.filedAndPublished());
        List<Signer> signers = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            signers.add(new Signer("rebuild-" + i, random.nextInt(10) == 0 ? "93200" : PARIS[random.nextInt(PARIS.length)]));
        }
        Map<Integer, Long> statuses = history(random, ids, signers, 900);
        assertThat(statuses).as("signed, withdrawn, refused as non-resident, refused as already signed or not signed")
                .containsKeys(201, 200, 422, 409);
        caughtUp();
        Rows byEvents = rows();
        assertThat(byEvents.signatures).hasSizeGreaterThan(100);
        assertThat(byEvents.signatures.stream().filter(r -> r.contains("withdrawn=null")).count()).isPositive();
        assertThat(byEvents.signatures.stream().filter(r -> !r.contains("withdrawn=null")).count()).isPositive();
        assertThat(byEvents).as("the event-by-event projection against a plain fold of the events").isEqualTo(recount());

        replay();

        Rows rebuilt = rows();
        assertThat(rebuilt.signatures).as("petition_signature, row for row").isEqualTo(byEvents.signatures);
        assertThat(rebuilt.tallies).as("petition_tally, row for row (0 rows aside)").isEqualTo(byEvents.tallies);
        long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        List<String> tokens = jdbc.queryForList("SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = ?"
                + " ORDER BY segment", String.class, NAME);
        assertThat(tokens).hasSize(2).allSatisfy(t -> assertThat(JSON.readTree(t).path("index").asLong()).isEqualTo(head));

        // the processor goes on from the rebuild's token: later acts counted once, none again
        history(random, ids, signers, 300);
        caughtUp();
        assertThat(rows()).as("after the rebuild, against a plain fold of the events").isEqualTo(recount());
        for (String id : ids) {
            long standing = jdbc.queryForObject("SELECT count(*) FROM petition_signature WHERE petition_id = ? AND withdrawn_at IS NULL",
                    Long.class, id);
            assertThat(petitions.eventually(id, p -> p.path("signatureCount").asLong() == standing)
                    .path("signatureCount").asLong()).isEqualTo(standing);
        }
    }

    @Test
    void a_rebuild_while_signatures_keep_arriving_loses_none() throws Exception {
        twoSegments();
        Random random = new Random(20);
        String id = petitions.filedAndPublished();
        List<Callable<Integer>> signing = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String token = Petitions.citizen("arriving-" + i, PARIS[random.nextInt(PARIS.length)]);
            signing.add(() -> petitions.sign(id, token).status());
        }
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<List<Integer>> signed = background.submit(() -> AtOnce.run(6, signing));
            for (int i = 0; i < 3; i++) {
                Thread.sleep(300);
                replay();
            }
            assertThat(signed.get()).containsOnly(201);
        } finally {
            background.shutdownNow();
        }
        caughtUp();
        assertThat(rows()).isEqualTo(recount());
        assertThat(jdbc.queryForObject("SELECT sum(valid) FROM petition_tally WHERE petition_id = ?", Long.class, id)).isEqualTo(400L);
    }

    @Test
    void an_event_committed_after_the_rebuild_below_its_last_index_is_a_gap_the_processor_then_handles() throws Exception {
        twoSegments();
        String id = petitions.filedAndPublished();
        assertThat(petitions.sign(id, Petitions.citizen("gap-before", "75011")).status()).isEqualTo(201);
        try (Connection late = dataSource.getConnection()) {
            // an act whose global index is drawn, but which commits only after the rebuild
            late.setAutoCommit(false);
            long index;
            try (PreparedStatement insert = late.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
                        aggregate_identifier, sequence_number, type)
                    VALUES (?, convert_to('{}', 'UTF8'), convert_to(?, 'UTF8'), '2', 'fr.paris.ledger.petition.PetitionSigned', ?, ?, 0,
                        'PetitionSignature') RETURNING global_index""")) {
                Instant at = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                insert.setString(1, UUID.randomUUID().toString());
                insert.setString(2, "{\"arrondissement\":7,\"participantId\":\"r-late\",\"petitionId\":\"" + id
                        + "\",\"signedAt\":\"" + at + "\"}");
                insert.setString(3, at.toString());
                insert.setString(4, "signature:" + id + ":r-late");
                try (ResultSet rs = insert.executeQuery()) {
                    rs.next();
                    index = rs.getLong(1);
                }
            }
            assertThat(petitions.sign(id, Petitions.citizen("gap-after", "75015")).status()).isEqualTo(201);
            caughtUp();

            replay();

            List<String> tokens = jdbc.queryForList("SELECT convert_from(token, 'UTF8') FROM token_entry WHERE processor_name = ?",
                    String.class, NAME);
            assertThat(tokens).hasSize(2).allSatisfy(t -> {
                JsonNode token = JSON.readTree(t);
                assertThat(token.path("index").asLong()).isGreaterThan(index);
                assertThat(token.path("gaps").toString()).contains(Long.toString(index));
            });
            assertThat(jdbc.queryForObject("SELECT count(*) FROM petition_signature WHERE petition_id = ?", Long.class, id))
                    .isEqualTo(2L);
            late.commit();
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject(
                "SELECT count(*) FROM petition_signature WHERE petition_id = ?", Long.class, id) == 3L);
        caughtUp();
        assertThat(rows()).isEqualTo(recount());
        assertThat(jdbc.queryForObject("SELECT valid FROM petition_tally WHERE petition_id = ? AND arrondissement = 7", Long.class, id))
                .isEqualTo(1L);
    }

    /** The projection on two segments, as in service (the tests' default is one). */
    private void twoSegments() throws Exception {
        StreamingEventProcessor processor = processing.eventProcessor(NAME, StreamingEventProcessor.class).orElseThrow();
        if (processor.processingStatus().size() < 2) {
            await().atMost(Duration.ofSeconds(20)).until(() -> processor.processingStatus().containsKey(0));
            assertThat(processor.splitSegment(0).get()).isTrue();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> processor.processingStatus().size() == 2);
    }

    /** Random acts over the API; returns how many answers of each status. */
    private Map<Integer, Long> history(Random random, List<String> ids, List<Signer> signers, int acts) {
        Map<Integer, Long> statuses = new TreeMap<>();
        for (int i = 0; i < acts; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            Signer signer = signers.get(random.nextInt(signers.size()));
            int dice = random.nextInt(10);
            Api.Response r;
            if (dice < 6) {
                if (dice == 0 && !"93200".equals(signer.postalCode)) {
                    signer.postalCode = PARIS[random.nextInt(PARIS.length)]; // moved: a re-signature counts in another arrondissement
                }
                r = petitions.sign(id, signer.token());
            } else {
                r = api.send("DELETE", "/api/v1/petitions/" + id + "/signatures/me", signer.token(), null, null, Map.of());
            }
            assertThat(r.status()).as(r.toString()).isIn(200, 201, 409, 422);
            statuses.merge(r.status(), 1L, Long::sum);
        }
        return statuses;
    }

    private void replay() {
        Api.Response r = api.post("/api/v1/admin/projections/" + NAME + "/replay", ADMIN, "{}");
        assertThat(r.status()).as(r.toString()).isEqualTo(202);
        assertThat(r.json().path("status").asText()).isEqualTo("REPLAYING");
        // the rebuild runs in the background: its status says replaying until the processor goes on
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> !projections.find(NAME).orElseThrow().replaying());
    }

    private void caughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            ProjectionStatus s = projections.find(NAME).orElseThrow();
            return s.running() && s.lag() == 0;
        });
    }

    /** Both tables, each row as text in key order; tallies at 0 left out (see REBUILD_FILL). */
    record Rows(List<String> signatures, List<String> tallies) {
    }

    private Rows rows() {
        List<String> signatures = jdbc.query("""
                SELECT petition_id, participant_id, arrondissement, signed_at, withdrawn_at FROM petition_signature
                """, (rs, n) -> row(rs.getString(1), rs.getString(2), rs.getInt(3),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()));
        List<String> tallies = jdbc.query("""
                SELECT petition_id, arrondissement, valid FROM petition_tally WHERE valid <> 0
                """, (rs, n) -> rs.getString(1) + "/" + rs.getInt(2) + "=" + rs.getLong(3));
        return new Rows(signatures.stream().sorted().toList(), tallies.stream().sorted().toList());
    }

    private static String row(String petition, String participant, int arrondissement, Instant signedAt, Instant withdrawnAt) {
        return petition + "/" + participant + " arr=" + arrondissement + " signed=" + signedAt + " withdrawn=" + withdrawnAt;
    }

    /** A plain fold of the signature events, one by one in global-index order, as the handlers do it. */
    private Rows recount() throws Exception {
        record State(int arrondissement, Instant signedAt, Instant withdrawnAt) {
        }
        Map<String, State> signers = new TreeMap<>();
        List<Map<String, Object>> events = jdbc.queryForList("""
                SELECT payload_type, payload::text AS payload FROM event_log
                WHERE payload_type IN ('fr.paris.ledger.petition.PetitionSigned', 'fr.paris.ledger.petition.PetitionSignatureWithdrawn')
                ORDER BY global_index""");
        for (Map<String, Object> event : events) {
            JsonNode p = JSON.readTree((String) event.get("payload"));
            String key = p.path("petitionId").asText() + "/" + p.path("participantId").asText();
            State now = signers.get(key);
            if (((String) event.get("payload_type")).endsWith(".PetitionSigned")) {
                if (now == null || now.withdrawnAt() != null) {
                    signers.put(key, new State(p.path("arrondissement").asInt(), Instant.parse(p.path("signedAt").asText()), null));
                }
            } else if (now != null && now.withdrawnAt() == null) {
                signers.put(key, new State(now.arrondissement(), now.signedAt(), Instant.parse(p.path("withdrawnAt").asText())));
            }
        }
        List<String> rows = new ArrayList<>();
        Map<String, Long> tallies = new TreeMap<>();
        signers.forEach((key, s) -> {
            String[] parts = key.split("/");
            rows.add(row(parts[0], parts[1], s.arrondissement(), micros(s.signedAt()), micros(s.withdrawnAt())));
            if (s.withdrawnAt() == null) {
                tallies.merge(parts[0] + "/" + s.arrondissement(), 1L, Long::sum);
            }
        });
        List<String> tallyRows = new ArrayList<>();
        tallies.forEach((key, n) -> tallyRows.add(key + "=" + n));
        return new Rows(rows.stream().sorted().toList(), tallyRows.stream().sorted().toList());
    }

    private static Instant micros(Instant at) {
        return at == null ? null : Timestamp.from(at).toInstant();
    }

}
