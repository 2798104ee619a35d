package fr.paris.ledger.application.audit;

import fr.paris.ledger.infra.audit.AuditLog;
import fr.paris.ledger.infra.events.EventScanner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Component;

/**
 * The ledger's public figures: sealed events by instrument, the sealing lag and the latest
 * checkpoint. The counts are kept per node and brought up to date at most once a second: each
 * update counts only the leaves sealed since the last one (leaves are only ever appended, so a
 * count of leaves {@code [0, n)} never changes), so a dashboard polling every few seconds costs
 * one index range scan of the new leaves, whatever the size of the ledger. The first request
 * after a start counts every leaf once. The counts come from {@link EventScanner}, the lag and
 * the latest checkpoint from {@link AuditLog}.
 */
@Component
public class LedgerStatistics {
    /** How long an answer is shared before the figures are read again. */
    static final Duration FRESH_FOR = Duration.ofSeconds(1);
    private static final String PREFIX = "fr.paris.ledger.";

    /** What {@code GET /api/v1/stats/ledger} answers. */
    public record Snapshot(Instant asOf, long sealedEvents, Map<String, Long> sealedByInstrument, long unsealedEvents,
                           double oldestUnsealedSeconds, Checkpoint latestCheckpoint) {
    }

    /** The latest signed checkpoint: its tree size and when it was signed (the database's clock). */
    public record Checkpoint(long treeSize, Instant signedAt) {
    }

    private final EventScanner events;
    private final AuditLog auditLog;
    private final Clock clock;
    /** Sealed events by instrument among the leaves {@code [0, counted)}; guarded by {@code this}. */
    private final Map<String, Long> byInstrument = new TreeMap<>();
    private long counted;
    private Snapshot last;
    private long lastAt;

    public LedgerStatistics(EventScanner events, AuditLog auditLog, Clock clock) {
        this.events = events;
        this.auditLog = auditLog;
        this.clock = clock;
    }

    public synchronized Snapshot snapshot() {
        long now = System.nanoTime();
        if (last != null && now - lastAt < FRESH_FOR.toNanos()) {
            return last;
        }
        long size = auditLog.treeSize();
        if (size > counted) {
            // grouped by type (a few dozen), then by the package that names the instrument
            events.sealedByPayloadType(counted, size).forEach((type, n) -> byInstrument.merge(instrument(type), n, Long::sum));
            counted = size;
        }
        AuditLog.Lag lag = auditLog.lag();
        Checkpoint latest = auditLog.latestSigned().map(c -> new Checkpoint(c.treeSize(), c.at())).orElse(null);
        last = new Snapshot(clock.instant(), counted, Collections.unmodifiableMap(new TreeMap<>(byInstrument)), lag.events(),
                lag.age().toMillis() / 1000.0, latest);
        lastAt = now;
        return last;
    }

    /**
     * The instrument of an event type: the package after {@code fr.paris.ledger.} ({@code card},
     * {@code petition}, {@code budget}, {@code sortition}, and whatever instruments come later);
     * {@code other} for anything else, a row gone from the event table included.
     */
    static String instrument(String payloadType) {
        if (payloadType == null || !payloadType.startsWith(PREFIX)) {
            return "other";
        }
        String rest = payloadType.substring(PREFIX.length());
        int dot = rest.indexOf('.');
        return dot <= 0 ? "other" : rest.substring(0, dot);
    }
}
