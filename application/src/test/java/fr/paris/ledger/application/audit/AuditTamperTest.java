package fr.paris.ledger.application.audit;

import static fr.paris.ledger.application.audit.AuditApiTest.mth;
import static fr.paris.ledger.application.audit.AuditApiTest.sha256;
import static fr.paris.ledger.application.audit.AuditApiTest.verifyInclusion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Tampering with a sealed event, as a database superuser past the immutability trigger, is detected. */
@LedgerIntegrationTest
class AuditTamperTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDITOR = Tokens.withRoles("auditor-2", "AUDITOR");

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    private String note(long atLeast) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/audit/checkpoint", null).body(),
                        n -> Long.parseLong(n.split("\n")[1]) >= atLeast);
    }

    @Test
    void a_row_changed_behind_the_ledgers_back_no_longer_matches_its_sealed_leaf() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(api.post("/api/v1/citizen-cards", Tokens.citizen("audit-d-" + i, "1980-01-01", "75010"), "{}").status())
                    .isEqualTo(201);
        }
        String note = note(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class));
        long size = Long.parseLong(note.split("\n")[1]);
        long victim = jdbc.queryForObject("SELECT global_index FROM audit_leaf WHERE leaf_index = 1", Long.class);

        // as a database superuser, past the immutability trigger
        jdbc.execute("ALTER TABLE domain_event_entry DISABLE TRIGGER domain_event_entry_no_update_or_delete");
        try {
            jdbc.update("UPDATE domain_event_entry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), "
                    + "'\"arrondissement\":10', '\"arrondissement\":20'), 'UTF8') WHERE global_index = ?", victim);
        } finally {
            jdbc.execute("ALTER TABLE domain_event_entry ENABLE TRIGGER domain_event_entry_no_update_or_delete");
        }

        List<byte[]> leafHashes = new ArrayList<>();
        String[] lines = api.get("/api/v1/audit/export?limit=" + size, AUDITOR).body().split("\n");
        for (String line : lines) {
            leafHashes.add(sha256((byte) 0, line.getBytes(StandardCharsets.UTF_8)));
        }
        String signedRoot = note.split("\n")[2];
        assertThat(Base64.getEncoder().encodeToString(mth(leafHashes, 0, (int) size))).isNotEqualTo(signedRoot);
        // the leaf that no longer matches is the one changed: its proof against the signed root fails
        JsonNode proof = api.get("/api/v1/audit/proofs/inclusion?eventId=" + JSON.readTree(lines[1]).path("eventId").asText()
                + "&treeSize=" + size, null).json();
        assertThat(verifyInclusion(1, size, leafHashes.get(1), proof.path("auditPath"), Base64.getDecoder().decode(signedRoot)))
                .isFalse();
        assertThat(verifyInclusion(0, size, leafHashes.get(0),
                api.get("/api/v1/audit/proofs/inclusion?eventId=" + JSON.readTree(lines[0]).path("eventId").asText()
                        + "&treeSize=" + size, null).json().path("auditPath"), Base64.getDecoder().decode(signedRoot)))
                .as("an untouched leaf still proves").isTrue();
    }

}
