package fr.paris.ledger.application.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The event table: written by Flyway's schema, readable as JSON, and append-only. */
@LedgerIntegrationTest
class EventStoreTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    long globalIndex;

    @BeforeEach
    void oneEvent() {
        var r = new Api(port).post("/api/v1/citizen-cards", Tokens.citizen("store-" + System.nanoTime(), "1990-01-01", "75011"), "{}");
        assertThat(r.status()).isEqualTo(201);
        globalIndex = r.json().path("receipt").path("globalIndex").asLong();
    }

    @Test
    void an_event_row_cannot_be_updated() {
        assertThatThrownBy(() -> jdbc.update("UPDATE domain_event_entry SET payload_type = 'forged' WHERE global_index = ?", globalIndex))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT payload_type FROM domain_event_entry WHERE global_index = ?", String.class, globalIndex))
                .isEqualTo("fr.paris.ledger.card.CitizenCardIssued");
    }

    @Test
    void an_event_row_cannot_be_deleted() {
        assertThatThrownBy(() -> jdbc.update("DELETE FROM domain_event_entry WHERE global_index = ?", globalIndex))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE global_index = ?", Long.class, globalIndex))
                .isEqualTo(1L);
    }

    @Test
    void the_event_table_cannot_be_truncated() {
        long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        assertThatThrownBy(() -> jdbc.execute("TRUNCATE domain_event_entry"))
                .isInstanceOf(DataAccessException.class)
                .rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class)).isEqualTo(before);
    }

    @Test
    void events_are_readable_json_with_their_revision() {
        var row = jdbc.queryForMap("SELECT payload_revision, payload ->> 'arrondissement' AS arr, payload ->> 'issuedAt' AS at "
                + "FROM event_log WHERE global_index = ?", globalIndex);
        assertThat(row.get("payload_revision")).isEqualTo("2");
        assertThat(row.get("arr")).isEqualTo("11");
        assertThat((String) row.get("at")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        String raw = jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domain_event_entry WHERE global_index = ?",
                String.class, globalIndex);
        assertThat(raw).startsWith("{").contains("\"arrondissement\":11").contains("\"ageBand\":\"30-44\"")
                .doesNotContain("75011").doesNotContain("store-");
    }

    @Test
    void the_schema_comes_from_the_flyway_migrations() {
        assertThat(jdbc.queryForList("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank", String.class))
                .startsWith("1", "2", "3", "4");
    }
}
