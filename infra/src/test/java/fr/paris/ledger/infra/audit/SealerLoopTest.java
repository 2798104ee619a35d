package fr.paris.ledger.infra.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The sealer's loop: it outlives any failure, backs off while failing, and resumes by itself. */
class SealerLoopTest {

    /** A sealed log whose first runs fail, as when the database is down. */
    static final class FailingLog extends AuditLog {
        final AtomicInteger runs = new AtomicInteger();

        FailingLog() {
            super(null, null, null, null, null, 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        }

        @Override
        public int sealOnce() {
            int run = runs.incrementAndGet();
            if (run == 1) {
                throw new IllegalStateException("database down");
            }
            if (run == 2) {
                throw new AssertionError("an Error, not an exception");
            }
            if (run == 3) {
                throw new IllegalStateException("still down");
            }
            return 0;
        }
    }

    @Test
    void the_loop_survives_failures_and_errors_and_goes_on() throws InterruptedException {
        FailingLog log = new FailingLog();
        var sealer = new AuditConfiguration.Sealer(log, new SimpleMeterRegistry(), Duration.ofMillis(1), true);
        sealer.start();
        try {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (log.runs.get() < 6 && System.nanoTime() < until) {
                Thread.sleep(5);
            }
            assertThat(log.runs.get()).as("runs after three failures").isGreaterThanOrEqualTo(6);
        } finally {
            sealer.stop();
        }
    }

    @Test
    void the_back_off_doubles_up_to_five_seconds() {
        Duration every = Duration.ofMillis(200);
        assertThat(AuditConfiguration.Sealer.backoff(every, 1)).isEqualTo(200);
        assertThat(AuditConfiguration.Sealer.backoff(every, 2)).isEqualTo(400);
        assertThat(AuditConfiguration.Sealer.backoff(every, 4)).isEqualTo(1_600);
        assertThat(AuditConfiguration.Sealer.backoff(every, 6)).isEqualTo(5_000);
        assertThat(AuditConfiguration.Sealer.backoff(every, 1_000)).isEqualTo(5_000);
    }
}
