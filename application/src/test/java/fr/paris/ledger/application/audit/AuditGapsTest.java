package fr.paris.ledger.application.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import fr.paris.ledger.verifier.Verifier;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Gaps in the event store's global index, with a gap timeout of 1 s: a commit that arrives late but
 * within the timeout is sealed after the events that overtook it; a rolled-back sequence value is
 * given up after the timeout; and a row inserted later at a given-up index (as a database superuser
 * forging history would) is never sealed: the health check goes DOWN, the metric counts it, and the
 * verifier fails on it, naming the leaf it would have taken.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.audit.gap-timeout=PT1S")
class AuditGapsTest {
    private static final String AUDITOR = Tokens.withRoles("gap-auditor", "AUDITOR");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    DataSource dataSource;
    @TempDir
    Path dir;

    @Test
    void late_commits_are_sealed_given_up_gaps_are_recorded_and_a_row_inserted_there_is_a_stray() throws Exception {
        Api api = new Api(port);
        issueCards(api, "before", 2);

        // a transaction that takes its global index, then commits only after later events were sealed
        long late;
        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            late = insertRow(slow, "late-" + UUID.randomUUID());
            issueCards(api, "overtaking", 3);
            long overtaking = maxGlobalIndex();
            await().atMost(Duration.ofSeconds(20)).until(() -> sealed(overtaking));
            assertThat(sealed(late)).isFalse();
            assertThat(watermark()).isLessThan(late);
            slow.commit();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> sealed(late));
        long lateLeaf = jdbc.queryForObject("SELECT leaf_index FROM audit_leaf WHERE global_index = ?", Long.class, late);
        long maxLeafBefore = jdbc.queryForObject("SELECT max(leaf_index) FROM audit_leaf WHERE global_index < ?", Long.class, late);
        assertThat(lateLeaf).as("sealed in sealing order, after the events that overtook it").isGreaterThan(maxLeafBefore);

        // a rolled-back sequence value: given up after the timeout, recorded in audit_gap
        long rolledBack;
        try (Connection aborted = dataSource.getConnection()) {
            aborted.setAutoCommit(false);
            rolledBack = insertRow(aborted, "rolled-back-" + UUID.randomUUID());
            aborted.rollback();
        }
        issueCards(api, "after", 2);
        await().atMost(Duration.ofSeconds(20)).until(() -> watermark() > rolledBack);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_gap WHERE global_index = ?", Long.class, rolledBack)).isOne();
        assertThat(health()).contains("\"strayEvents\":0");
        Run clean = fetchAndVerify();
        assertThat(clean.status()).as(clean.out()).isZero();

        // a forged row inserted into that given-up gap: never sealed, reported, and the verifier fails on it
        long treeSize = jdbc.queryForObject("SELECT tree_size FROM audit_state", Long.class);
        try (Connection forger = dataSource.getConnection()) {
            forger.setAutoCommit(true);
            try (PreparedStatement ps = forger.prepareStatement(INSERT_AT)) {
                ps.setLong(1, rolledBack);
                bind(ps, 2, "forged-" + UUID.randomUUID());
                ps.executeUpdate();
            }
        }
        issueCards(api, "later", 1);
        long last = maxGlobalIndex();
        await().atMost(Duration.ofSeconds(20)).until(() -> sealed(last));
        assertThat(sealed(rolledBack)).as("a row at a given-up index is never sealed").isFalse();
        assertThat(health()).contains("\"strayEvents\":1");
        assertThat(api.get("/actuator/health", null).status()).isEqualTo(503);
        assertThat(api.get("/actuator/prometheus", null).body()).containsPattern("(?m)^ledger_audit_stray_events\\{[^}]*} 1\\.0$");
        long sizeNow = jdbc.queryForObject("SELECT tree_size FROM audit_state", Long.class);
        assertThat(sizeNow).isGreaterThan(treeSize);
        await().atMost(Duration.ofSeconds(20)).until(() -> latestCheckpointSize(api) == sizeNow);

        Run forged = fetchAndVerify();
        assertThat(forged.status()).as(forged.out()).isEqualTo(1);
        assertThat(forged.out()).startsWith("FAIL leaf " + sizeNow + ": event ")
                .contains("(global index " + rolledBack + ") is in the event store at an index the sealer had passed, but not in the tree");
    }

    private static final String INSERT_AT = """
            INSERT INTO domain_event_entry (global_index, event_identifier, meta_data, payload, payload_revision, payload_type,
                                            time_stamp, aggregate_identifier, sequence_number, type)
            VALUES (?, ?, convert_to('{}', 'UTF8'), convert_to('{"note":"not a ledger event"}', 'UTF8'), '1',
                    'fr.paris.ledger.testing.Forged', ?, ?, 0, 'Forged')""";

    private static final String INSERT_NEXT = """
            INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
                                            time_stamp, aggregate_identifier, sequence_number, type)
            VALUES (?, convert_to('{}', 'UTF8'), convert_to('{"note":"not a ledger event"}', 'UTF8'), '1',
                    'fr.paris.ledger.testing.Forged', ?, ?, 0, 'Forged') RETURNING global_index""";

    /** Inserts a row (of a type no handler knows) in the connection's open transaction; its global index. */
    private static long insertRow(Connection c, String name) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(INSERT_NEXT)) {
            bind(ps, 1, name);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement ps, int from, String name) throws Exception {
        ps.setString(from, UUID.randomUUID().toString());
        ps.setString(from + 1, Instant.now().toString());
        ps.setString(from + 2, "test-forged:" + name);
    }

    private void issueCards(Api api, String prefix, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(api.post("/api/v1/citizen-cards", Tokens.citizen(prefix + "-" + i + "-" + UUID.randomUUID(), "1980-01-01",
                    "7501" + (i % 10)), "{}").status()).isEqualTo(201);
        }
    }

    private long maxGlobalIndex() {
        return jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
    }

    private boolean sealed(long globalIndex) {
        return jdbc.queryForObject("SELECT count(*) FROM audit_leaf WHERE global_index = ?", Long.class, globalIndex) == 1;
    }

    private long watermark() {
        return jdbc.queryForObject("SELECT watermark FROM audit_state", Long.class);
    }

    private String health() {
        return new Api(port).get("/actuator/health/sealer", Tokens.withRoles("gap-ops", "ADMIN")).body();
    }

    private static long latestCheckpointSize(Api api) {
        return Long.parseLong(api.get("/api/v1/audit/checkpoint", null).body().split("\n")[1]);
    }

    private record Run(int status, String out) {
    }

    private Run fetchAndVerify() {
        Path out = dir.resolve("fetch-" + UUID.randomUUID());
        var sink = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(sink);
        assertThat(Verifier.run(new String[] {"fetch", "--url", "http://localhost:" + port, "--token", AUDITOR, "--out",
            out.toString()}, print, print)).as(sink.toString()).isZero();
        var result = new ByteArrayOutputStream();
        PrintStream r = new PrintStream(result);
        int status = Verifier.run(new String[] {"verify", "--export", out.resolve("export.ndjson").toString(),
            "--checkpoints", out.resolve("checkpoints.json").toString(), "--key", out.resolve("verifier.key").toString(),
            "--leaf-hashes", out.resolve("leaf-hashes.txt").toString()}, r, r);
        return new Run(status, result.toString().strip());
    }
}
