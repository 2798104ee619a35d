package fr.paris.ledger.application.petition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.TestClock;
import fr.paris.ledger.infra.projection.ProjectionStatus;
import fr.paris.ledger.infra.projection.Projections;
import fr.paris.ledger.projections.petition.PetitionProjection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The petition page's cache (PetitionViewCache): served from memory while nothing changed, dropped
 * when this node's projections commit a change to the petition, and never older than its maximum
 * age by the ledger's clock. The page is changed behind the projections' back (an SQL update of the
 * title) to see which copy a read gets; a long maximum age keeps a slow machine from expiring the
 * entry by itself between two reads.
 *
 * <p>A read can see the projections' commit before their after-commit step has dropped the page (the
 * order the cache is built for: the page read in between is dropped too). So the page that is to be
 * served from memory is read once the petitions processor reports the publication as processed:
 * Axon advances that position in an after-commit step registered before the batch's handlers run,
 * and after-commit steps run in reverse order, so the page has been dropped by then.
 */
@LedgerIntegrationTest
@TestPropertySource(properties = "ledger.petitions.view-cache=PT60S")
class PetitionViewCacheTest {
    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestClock clock;
    @Autowired
    Projections projections;

    Api api;
    Petitions petitions;

    @BeforeEach
    void setUp() {
        clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
        api = new Api(port);
        petitions = new Petitions(api);
    }

    String publishedAndRead() {
        String id = petitions.filedAndPublished();
        petitions.eventually(id, p -> "OPEN".equals(p.path("status").asText()));
        settled();
        assertThat(title(id)).as("the page, read once the projections are done with the publication").isEqualTo("More trees on the boulevard");
        jdbc.update("UPDATE petition SET title = 'Changed behind the projections' WHERE petition_id = ?", id);
        return id;
    }

    /** Waits until the petitions processor has processed everything in the log. */
    void settled() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> projections.find(PetitionProjection.NAME).map(ProjectionStatus::lag).orElse(-1L) == 0);
    }

    String title(String id) {
        JsonNode page = petitions.petition(id, null);
        return page.path("title").asText();
    }

    @Test
    void a_page_is_served_from_memory_until_the_projections_change_its_petition() {
        String id = publishedAndRead();
        assertThat(title(id)).as("the page read before the change, from memory").isEqualTo("More trees on the boulevard");

        assertThat(petitions.sign(id, Petitions.citizen("cache-signer-1", "75005")).status()).isEqualTo(201);
        JsonNode signed = petitions.eventually(id, p -> p.path("signatureCount").asLong() == 1);
        assertThat(signed.path("title").asText()).as("the signature's commit dropped the page: read again, whole")
                .isEqualTo("Changed behind the projections");
        assertThat(signed.path("byArrondissement").path("5").asLong()).isEqualTo(1);
    }

    @Test
    void a_status_change_drops_the_page() {
        String id = publishedAndRead();
        assertThat(title(id)).isEqualTo("More trees on the boulevard");
        String[] filed = petitions.file();
        assertThat(api.get("/api/v1/petitions/" + filed[0], null).status()).as("not public before moderation").isEqualTo(404);
        assertThat(api.post("/api/v1/petitions/" + filed[0] + "/moderation", Petitions.AGENT, "{\"decision\":\"PUBLISH\"}").status())
                .isEqualTo(200);
        // the "not found" read before moderation was cached too; the publication's commit drops it
        JsonNode published = petitions.eventually(filed[0], p -> "OPEN".equals(p.path("status").asText()));
        assertThat(api.get("/api/v1/petitions/" + filed[0], null).status()).isEqualTo(200);
        assertThat(published.path("signatureCount").asLong()).isZero();
        assertThat(title(id)).as("another petition's change leaves this page alone").isEqualTo("More trees on the boulevard");
    }

    @Test
    void a_page_is_read_again_once_it_is_older_than_its_maximum_age_by_the_ledgers_clock() {
        String id = publishedAndRead();
        assertThat(title(id)).isEqualTo("More trees on the boulevard");
        clock.advance(Duration.ofSeconds(59));
        assertThat(title(id)).as("59 s old: still fresh").isEqualTo("More trees on the boulevard");
        clock.advance(Duration.ofSeconds(1));
        assertThat(title(id)).as("60 s old: read again").isEqualTo("Changed behind the projections");
    }
}
