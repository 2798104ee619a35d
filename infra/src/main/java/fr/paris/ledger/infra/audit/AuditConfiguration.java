package fr.paris.ledger.infra.audit;

import fr.paris.ledger.infra.events.EventScanner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Audit sealing: the signing key, the sealed log, the sealer's schedule, its metrics and health.
 * Defaults make an event covered by a signed checkpoint within about 1.2 s.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {
    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    public AuditKeys auditKeys(Environment env) throws Exception {
        String origin = env.getProperty("ledger.audit.origin", "ledger.paris.example/participation");
        String key = env.getProperty("ledger.audit.signing-key", "");
        String keyFile = env.getProperty("ledger.audit.signing-key-file", "");
        if (!key.isBlank()) {
            log.info("Audit checkpoints: origin {}, key from LEDGER_AUDIT_SIGNING_KEY", origin);
            return AuditKeys.fromPkcs8(origin, key);
        }
        if (!keyFile.isBlank()) {
            log.info("Audit checkpoints: origin {}, key from {}", origin, keyFile);
            return AuditKeys.fromPkcs8(origin, Files.readString(Path.of(keyFile), StandardCharsets.UTF_8));
        }
        Path dev = Path.of(env.getProperty("ledger.data-dir", "./data")).resolve("audit-signing-key");
        if (Files.exists(dev)) {
            log.warn("Audit checkpoints: origin {}, signed with the DEVELOPMENT key kept in {}", origin, dev.toAbsolutePath());
            return AuditKeys.fromPkcs8(origin, Files.readString(dev, StandardCharsets.UTF_8));
        }
        AuditKeys generated = AuditKeys.generateInto(origin, dev);
        log.warn("Audit checkpoints: no LEDGER_AUDIT_SIGNING_KEY or LEDGER_AUDIT_SIGNING_KEY_FILE; generated a DEVELOPMENT "
                + "key, kept in {}. Verifier key: {}", dev.toAbsolutePath(), generated.verifierKey());
        return generated;
    }

    @Bean
    public AuditLog auditLog(JdbcTemplate jdbc, EventScanner events, PlatformTransactionManager transactions, AuditKeys keys,
                             Clock clock,
                             @Value("${ledger.audit.batch-size:1000}") int batchSize,
                             @Value("${ledger.audit.checkpoint-leaves:1000}") long checkpointLeaves,
                             @Value("${ledger.audit.checkpoint-interval:PT1S}") Duration checkpointInterval,
                             @Value("${ledger.audit.gap-timeout:PT60S}") Duration gapTimeout) {
        return new AuditLog(jdbc, events, transactions, keys, clock, batchSize, checkpointLeaves, checkpointInterval, gapTimeout);
    }

    @Bean
    public AuditDownloads auditDownloads(JdbcTemplate jdbc, EventScanner events, PlatformTransactionManager transactions) {
        return new AuditDownloads(jdbc, events, transactions);
    }

    @Bean
    public Sealer auditSealer(AuditLog auditLog, MeterRegistry meters,
                         @Value("${ledger.audit.seal-every:PT0.2S}") Duration every,
                         @Value("${ledger.audit.enabled:true}") boolean enabled) {
        return new Sealer(auditLog, meters, every, enabled);
    }

    /**
     * DOWN when the oldest unsealed event waits longer than {@code ledger.audit.max-lag} (default 60 s),
     * or when any stray event (stored at a global index the sealer gave up on) exists.
     */
    @Bean("sealer")
    public HealthIndicator sealerHealth(AuditLog auditLog, @Value("${ledger.audit.max-lag:PT60S}") Duration maxLag) {
        return () -> {
            AuditLog.Lag lag = auditLog.lag();
            long strays = auditLog.strays();
            var details = Map.<String, Object>of("unsealedEvents", lag.events(), "oldestUnsealedAge", lag.age().toString(),
                    "treeSize", auditLog.treeSize(), "strayEvents", strays);
            boolean down = lag.age().compareTo(maxLag) > 0 || strays > 0;
            return (down ? Health.down() : Health.up()).withDetails(details).build();
        };
    }

    /** Runs sealing cycles on one thread, from application start to shutdown. */
    public static class Sealer {
        private final AuditLog auditLog;
        private final Duration every;
        private final boolean enabled;
        private ScheduledExecutorService executor;
        /** Failed runs in a row (sealer thread only). */
        private long failures;
        /** The longest wait between runs after failures. */
        static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

        Sealer(AuditLog auditLog, MeterRegistry meters, Duration every, boolean enabled) {
            this.auditLog = auditLog;
            this.every = every;
            this.enabled = enabled;
            Gauge.builder("ledger.audit.leaves", auditLog, AuditLog::treeSize)
                    .description("Leaves in the sealed Merkle tree").register(meters);
            Gauge.builder("ledger.audit.lag.events", auditLog, a -> a.lag().events())
                    .description("Events committed but not sealed yet").register(meters);
            Gauge.builder("ledger.audit.lag.seconds", auditLog, a -> a.lag().age().toMillis() / 1000.0)
                    .description("Age of the oldest event not sealed yet").baseUnit("seconds").register(meters);
            Gauge.builder("ledger.audit.stray.events", auditLog, AuditLog::strays)
                    .description("Events stored at a global index the sealer gave up on: never sealed (should be 0)")
                    .register(meters);
        }

        @EventListener(ApplicationReadyEvent.class)
        public synchronized void start() {
            if (!enabled || executor != null) {
                return;
            }
            executor = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "audit-sealer");
                t.setDaemon(true);
                return t;
            });
            executor.schedule(this::cycle, 0, TimeUnit.MILLISECONDS);
        }

        /**
         * Seals while there is a backlog, then schedules the next run: after {@code every}, or, after
         * failed runs (the database is down, say), after a delay doubling from {@code every} up to
         * {@link #MAX_BACKOFF}. Nothing escapes: an error of any kind is logged and the loop goes on,
         * so sealing resumes by itself once the cause is gone.
         */
        private void cycle() {
            long delay = every.toMillis();
            try {
                while (auditLog.sealOnce() > 0) {
                    // keep going while there is a backlog
                }
                if (failures > 0) {
                    log.info("Sealing resumed after {} failed runs", failures);
                    failures = 0;
                }
            } catch (Throwable e) {
                failures++;
                delay = backoff(every, failures);
                if (failures == 1) {
                    log.warn("Sealing cycle failed; retried in {}", Duration.ofMillis(delay), e);
                } else if (Long.bitCount(failures) == 1) {
                    log.warn("Sealing cycle failed {} times in a row; retried in {} ({})", failures,
                            Duration.ofMillis(delay), e.toString());
                }
            } finally {
                reschedule(delay);
            }
        }

        private synchronized void reschedule(long delayMillis) {
            if (executor != null && !executor.isShutdown()) {
                executor.schedule(this::cycle, delayMillis, TimeUnit.MILLISECONDS);
            }
        }

        /** The delay after {@code failures} failed runs in a row: every, doubled each time, at most MAX_BACKOFF. */
        static long backoff(Duration every, long failures) {
            long base = Math.max(1, every.toMillis());
            long max = Math.max(base, MAX_BACKOFF.toMillis());
            int shift = (int) Math.min(30, Math.max(0, failures - 1));
            return Math.min(max, base << shift);
        }

        @EventListener(ContextClosedEvent.class)
        public synchronized void stop() {
            if (executor != null) {
                executor.shutdownNow();
                executor = null;
            }
        }
    }
}
