package fr.paris.ledger.application.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.bench.EventGenerator;
import fr.paris.ledger.bench.LoadGenerator;
import fr.paris.ledger.bench.Result;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmarks' scenarios at quick sizes, with the load generator of {@code bench} against the
 * service over HTTP: each completes with zero errors, and the counts afterwards are exact (every
 * acknowledged signature and ballot counted once, in the live count and in the event table). No
 * timing is asserted.
 */
@LedgerIntegrationTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BenchQuickTest {
    static final String SIGNED = "fr.paris.ledger.petition.PetitionSigned";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;

    private LoadGenerator load() {
        return new LoadGenerator("http://127.0.0.1:" + port, Tokens.SECRET);
    }

    private long events(String type, String aggregatePrefix) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = ? AND aggregate_identifier LIKE ?",
                Long.class, type, aggregatePrefix + "%");
    }

    /** Runs a scenario and checks that every request succeeded. */
    private static Result completes(LoadGenerator load, String scenario, int requests, int clients) throws Exception {
        Result r = load.run(scenario, requests, clients);
        assertThat(r.failures()).as(r.toString()).isZero();
        assertThat(r.requests()).isEqualTo(requests);
        return r;
    }

    @Test
    @Order(1)
    void petition_surge_then_generated_events_sealed_and_replayed_count_every_signature_once() throws Exception {
        LoadGenerator load = load();
        Result surge = load.run("petition-surge", Map.of("requests", "400", "clients", "8", "sample-audit", "true"));
        assertThat(surge.failures()).as(surge.toString()).isZero();
        String petition = surge.subject();
        assertThat(surge.extra()).containsKeys("auditLagMaxSeconds", "auditSamples");
        await().atMost(Duration.ofSeconds(30)).until(() -> load.signatureCount(petition) == 400);
        assertThat(events(SIGNED, "signature:" + petition + ":")).isEqualTo(400);

        // events appended with SQL in the service's own format (the replay scenario's log): the projections
        // and the sealer handle them like the service's own
        try (Connection c = dataSource.getConnection()) {
            assertThat(EventGenerator.generate(c, 2000, "gen-test-")).isEqualTo(petition);
        }
        assertThat(events(SIGNED, "signature:" + petition + ":")).isEqualTo(2400);
        await().atMost(Duration.ofSeconds(60)).until(() -> load.signatureCount(petition) == 2400);

        Result sealed = load.run("seal-wait", Map.of("timeout", "60"));
        assertThat(sealed.failures()).isZero();
        long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertThat(sealed.extra().get("treeSize")).isEqualTo((double) total);

        Result replay = load.run("replay", Map.of("timeout", "60"));
        assertThat(replay.failures()).isZero();
        // every read model the admin endpoint lists: five, and card benefits (processes are neither listed nor replayed)
        assertThat(replay.extra().get("projections")).isEqualTo(6.0);
        assertThat(load.signatureCount(petition)).isEqualTo(2400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM petition_signature", Long.class)).isEqualTo(2400);
    }

    @Test
    @Order(2)
    void budget_vote_counts_every_ballot_once() throws Exception {
        LoadGenerator load = load();
        Result vote = completes(load, "budget-vote", 400, 8);
        int year = Integer.parseInt(vote.subject());
        await().atMost(Duration.ofSeconds(30)).until(() -> load.onlineVoters(year) == 400);
        assertThat(events("fr.paris.ledger.budget.BallotCast", "")).isEqualTo(400);
    }

    @Test
    @Order(3)
    void card_issuance_and_reads_complete_without_errors() throws Exception {
        LoadGenerator load = load();
        completes(load, "card-issuance", 200, 8);
        assertThat(events("fr.paris.ledger.card.CitizenCardIssued", "")).isEqualTo(200);
        completes(load, "public-read", 300, 16);
        completes(load, "static-read", 300, 16);
    }
}
