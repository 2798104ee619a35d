package fr.paris.ledger.application.petition;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.application.support.Api;
import fr.paris.ledger.application.support.LedgerIntegrationTest;
import fr.paris.ledger.application.support.TestClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 14: varying {@code asOf} by a microsecond made every request a recount of the petition's
 * signatures (2,200 recounts at about 100 a second). With the service's default settings, a flood of
 * distinct {@code asOf} values from one address causes a handful of recounts, and the petition's
 * ordinary reads stay fast.
 */
@LedgerIntegrationTest
class RecountFloodTest {
    @LocalServerPort
    int port;
    @Autowired
    TestClock clock;
    @Autowired
    MeterRegistry meters;

    /** Recounts run so far, of every kind (fails if the service does not count them). */
    private double recounts() {
        return meters.get("ledger.petition.recounts").counters().stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void a_flood_of_distinct_as_of_moments_causes_a_handful_of_recounts_and_ordinary_reads_stay_fast() {
        Api api = new Api(port);
        Petitions petitions = new Petitions(api);
        String id = petitions.filedAndPublished();
        for (int i = 0; i < 3; i++) {
            assertThat(petitions.sign(id, Petitions.citizen("flood-" + i, "75011")).status()).isEqualTo(201);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get("/api/v1/petitions/" + id, null).status() == 200);
        Instant second = clock.instant().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        clock.advance(Duration.ofMinutes(2)); // the moments asked about are settled: their counts are final
        String count = "/api/v1/petitions/" + id + "/signatures/count?asOf=";
        double before = recounts();
        long slowestRead = 0;

        for (int i = 0; i < 500; i++) {
            Api.Response r = api.get(count + second.plus(i, ChronoUnit.MICROS), null);
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            assertThat(r.json().path("validSignatures").asLong()).isEqualTo(3);
            assertThat(r.json().path("asOf").asText()).as("answered at second precision").isEqualTo(second.toString());
            if (i % 50 == 0) {
                slowestRead = Math.max(slowestRead, timedRead(api, id));
            }
        }
        assertThat(recounts() - before).as("recounts for 500 moments within one second").isBetween(1.0, 2.0);

        // moments a second apart are distinct counts: past the address's allowance (10 a minute) they are refused
        int limited = 0;
        for (int i = 1; i <= 30; i++) {
            Api.Response r = api.get(count + second.plusSeconds(i).plus(i, ChronoUnit.MICROS), null);
            if (r.status() == 429) {
                limited++;
                assertThat(r.contentType()).startsWith("application/problem+json");
                assertThat(r.code()).isEqualTo("request.rate-limited");
                assertThat(Long.parseLong(r.header("Retry-After"))).isBetween(1L, 60L);
            } else {
                assertThat(r.status()).as(r.toString()).isEqualTo(200);
            }
            slowestRead = Math.max(slowestRead, timedRead(api, id));
        }
        assertThat(limited).as("refused past the allowance").isGreaterThanOrEqualTo(19);
        assertThat(recounts() - before).as("recounts in all, for 530 requests").isLessThanOrEqualTo(11.0);
        // counts already made are still served, and the petition's page never slowed down
        assertThat(api.get(count + second.plusMillis(999), null).status()).isEqualTo(200);
        assertThat(slowestRead).as("slowest GET /petitions/{id}, ms").isLessThan(2_000);
    }

    /** GET /petitions/{id}: 200, and how long it took in milliseconds. */
    private static long timedRead(Api api, String id) {
        long start = System.nanoTime();
        Api.Response r = api.get("/api/v1/petitions/" + id, null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return millis;
    }
}
