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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tampering with sealed events as a database superuser, past the immutability trigger: a deleted
 * row, two swapped rows, a changed payload and a payload that is not JSON each make the standalone
 * verifier fail naming the exact leaf (with the stored leaf hashes), and putting them back makes it
 * pass again. A row inserted into sealed history is in {@link AuditGapsTest}.
 */
@LedgerIntegrationTest
class VerifierTamperTest {
    private static final String TRIGGER = "domain_event_entry_no_update_or_delete";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @TempDir
    Path dir;

    private final AtomicInteger fetches = new AtomicInteger();

    private record Run(int status, String out) {
    }

    private Run fetchAndVerify() {
        Path out = dir.resolve("fetch-" + fetches.incrementAndGet());
        var sink = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(sink);
        int fetched = Verifier.run(new String[] {"fetch", "--url", "http://localhost:" + port, "--token",
            Tokens.withRoles("tamper-auditor", "AUDITOR"), "--out", out.toString()}, print, print);
        assertThat(fetched).as(sink.toString()).isZero();
        var result = new ByteArrayOutputStream();
        PrintStream r = new PrintStream(result);
        int status = Verifier.run(new String[] {"verify", "--export", out.resolve("export.ndjson").toString(),
            "--checkpoints", out.resolve("checkpoints.json").toString(), "--key", out.resolve("verifier.key").toString(),
            "--leaf-hashes", out.resolve("leaf-hashes.txt").toString()}, r, r);
        return new Run(status, result.toString());
    }

    private void asSuperuser(Runnable change) {
        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER " + TRIGGER);
        try {
            change.run();
        } finally {
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER " + TRIGGER);
        }
    }

    private long globalIndexOfLeaf(long leaf) {
        return jdbc.queryForObject("SELECT global_index FROM audit_leaf WHERE leaf_index = ?", Long.class, leaf);
    }

    @Test
    void a_deleted_row_and_two_swapped_rows_are_caught_and_their_repair_verifies_again() {
        Api api = new Api(port);
        for (int i = 0; i < 6; i++) {
            assertThat(api.post("/api/v1/citizen-cards", Tokens.citizen("tamper-" + i, "1980-01-01", "7500" + (i + 1)), "{}")
                    .status()).isEqualTo(201);
        }
        long total = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> Long.parseLong(api.get("/api/v1/audit/checkpoint", null).body().split("\n")[1]) >= total);
        Run clean = fetchAndVerify();
        assertThat(clean.status()).as(clean.out()).isZero();

        // a deleted row: the export skips its leaf, and the verifier names it
        long deleted = globalIndexOfLeaf(2);
        Map<String, Object> saved = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE global_index = ?", deleted);
        asSuperuser(() -> jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", deleted));
        Run afterDelete = fetchAndVerify();
        assertThat(afterDelete.status()).as(afterDelete.out()).isEqualTo(1);
        assertThat(afterDelete.out()).contains("FAIL leaf 2");
        jdbc.update("""
                INSERT INTO domain_event_entry (global_index, event_identifier, meta_data, payload, payload_revision, payload_type,
                                                time_stamp, aggregate_identifier, sequence_number, type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", saved.get("global_index"), saved.get("event_identifier"),
                saved.get("meta_data"), saved.get("payload"), saved.get("payload_revision"), saved.get("payload_type"),
                saved.get("time_stamp"), saved.get("aggregate_identifier"), saved.get("sequence_number"), saved.get("type"));
        Run repaired = fetchAndVerify();
        assertThat(repaired.status()).as(repaired.out()).isZero();

        // two rows whose payloads are swapped: their leaves no longer match
        long one = globalIndexOfLeaf(1);
        long three = globalIndexOfLeaf(3);
        swapPayloads(one, three);
        Run afterSwap = fetchAndVerify();
        assertThat(afterSwap.status()).as(afterSwap.out()).isEqualTo(1);
        assertThat(afterSwap.out()).startsWith("FAIL leaf 1: its export line hashes to ").endsWith("the event was changed after sealing\n");
        swapPayloads(one, three);
        Run swappedBack = fetchAndVerify();
        assertThat(swappedBack.status()).as(swappedBack.out()).isZero();

        // one changed payload (a holder's arrondissement, say): the exact leaf is named
        long four = globalIndexOfLeaf(4);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domain_event_entry WHERE global_index = ?", byte[].class, four);
        String changed = new String(original, java.nio.charset.StandardCharsets.UTF_8)
                .replaceFirst("\"arrondissement\":(\\d+)", "\"arrondissement\":9$1");
        assertThat(changed).isNotEqualTo(new String(original, java.nio.charset.StandardCharsets.UTF_8));
        asSuperuser(() -> jdbc.update("UPDATE domain_event_entry SET payload = convert_to(?, 'UTF8') WHERE global_index = ?", changed, four));
        Run afterChange = fetchAndVerify();
        assertThat(afterChange.status()).as(afterChange.out()).isEqualTo(1);
        assertThat(afterChange.out()).startsWith("FAIL leaf 4: its export line hashes to ");

        // a payload that is no longer JSON at all: the export still streams and the leaf is named
        asSuperuser(() -> jdbc.update("UPDATE domain_event_entry SET payload = convert_to('not json', 'UTF8') WHERE global_index = ?", four));
        Run afterGarbage = fetchAndVerify();
        assertThat(afterGarbage.status()).as(afterGarbage.out()).isEqualTo(1);
        assertThat(afterGarbage.out()).startsWith("FAIL leaf 4: payload is not a JSON object");
        asSuperuser(() -> jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE global_index = ?", original, four));
        Run restored = fetchAndVerify();
        assertThat(restored.status()).as(restored.out()).isZero();
    }

    private void swapPayloads(long a, long b) {
        asSuperuser(() -> jdbc.update("""
                UPDATE domain_event_entry x SET payload = y.payload
                FROM (SELECT global_index, payload FROM domain_event_entry WHERE global_index IN (?, ?)) y
                WHERE x.global_index IN (?, ?) AND y.global_index <> x.global_index""", a, b, a, b));
    }
}
