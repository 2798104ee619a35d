package fr.paris.ledger.infra.audit;

import fr.paris.ledger.infra.events.EventScanner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The sealed ledger: appends one leaf per committed event to an append-only RFC 9162 Merkle tree,
 * in sealing order, and signs checkpoints of it.
 *
 * <p>One sealing cycle runs in one transaction that first takes a transaction-scoped advisory lock
 * ({@link #SEALER_LOCK}), so that on several nodes the cycles take turns. It seals, in global-index order, the committed events not yet
 * sealed above the watermark, then moves the watermark up to the first gap in the global index still
 * younger than the gap timeout: a gap that is a transaction still committing is sealed when it
 * commits, one that never will be (a rolled-back sequence value) stops holding the watermark after
 * the timeout and is recorded in {@code audit_gap}. An event that shows up later at a given-up index
 * is a <em>stray</em>: never appended (it would look like a late commit), but counted by
 * {@link #strays()}, which the health check, the metrics and the export report. A checkpoint is
 * signed every {@code checkpointLeaves} leaves, or when {@code checkpointInterval} has passed with
 * new leaves, and only after checking that it is consistent with the previous one.
 *
 * <p>It reads the event table through {@link EventScanner} (the backlog, inside the cycle's
 * transaction; the lag; the strays) and writes only the audit tables.
 */
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_GAPS_PER_CYCLE = 1_000;
    /** The PostgreSQL advisory lock that serializes sealing cycles across nodes (an arbitrary constant). */
    static final long SEALER_LOCK = 0x6c65646765720001L;

    /** A signed checkpoint. */
    public record Checkpoint(long treeSize, byte[] rootHash, String note) {
    }

    private final JdbcTemplate jdbc;
    private final EventScanner events;
    private final TransactionTemplate transactions;
    private final AuditKeys keys;
    private final Clock clock;
    private final int batchSize;
    private final long checkpointLeaves;
    private final Duration checkpointInterval;
    private final Duration gapTimeout;
    /** When each open gap was first seen, in System.nanoTime(): operational timing, not business time. */
    private final Map<Long, Long> gapsSeen = new ConcurrentHashMap<>();
    private volatile long lastCheckpointNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    public AuditLog(JdbcTemplate jdbc, EventScanner events, PlatformTransactionManager transactions, AuditKeys keys,
                    Clock clock, int batchSize, long checkpointLeaves, Duration checkpointInterval, Duration gapTimeout) {
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = new TransactionTemplate(transactions);
        this.keys = keys;
        this.clock = clock;
        this.batchSize = batchSize;
        this.checkpointLeaves = checkpointLeaves;
        this.checkpointInterval = checkpointInterval;
        this.gapTimeout = gapTimeout;
    }

    public AuditKeys keys() {
        return keys;
    }

    /** One sealing cycle; returns the number of leaves it appended. */
    public int sealOnce() {
        Integer sealed = transactions.execute(tx -> {
            // cycles on several nodes take turns; an advisory lock, unlike a row lock, writes nothing,
            // so an idle cycle commits without flushing the WAL
            jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, SEALER_LOCK);
            var state = jdbc.queryForMap("SELECT watermark, tree_size FROM audit_state WHERE id = 1");
            long watermark = ((Number) state.get("watermark")).longValue();
            long size = ((Number) state.get("tree_size")).longValue();
            Map<String, byte[]> fresh = new HashMap<>();
            List<Object[]> leaves = new ArrayList<>();
            List<Object[]> nodes = new ArrayList<>();
            long[] next = {size};
            // the rows above the watermark in index order, skipping the few already sealed (beyond a hole
            // that holds the watermark): an index range scan whatever the backlog, where an anti-join
            // was planned as a scan of the whole backlog per cycle (seconds each at 1.8 million events)
            Set<Long> sealedAbove = new HashSet<>(jdbc.queryForList(
                    "SELECT global_index FROM audit_leaf WHERE global_index > ?", Long.class, watermark));
            events.forEachStoredAbove(watermark, batchSize + sealedAbove.size(), e -> {
                if (sealedAbove.contains(e.globalIndex())) {
                    return;
                }
                long leaf = next[0]++;
                byte[] hash = Merkle.leafHash(ExportObjects.canonical(leaf, e));
                leaves.add(new Object[] {leaf, e.globalIndex(), e.eventId(), hash});
                appendNode(fresh, nodes, leaf, hash);
            });
            // one batch per table: a cycle of 1,000 leaves is a few round trips, not 3,000
            jdbc.batchUpdate("INSERT INTO audit_leaf (leaf_index, global_index, event_id, leaf_hash) VALUES (?, ?, ?, ?)", leaves);
            jdbc.batchUpdate("INSERT INTO audit_node (level, node_index, hash) VALUES (?, ?, ?)", nodes);
            long newWatermark = advanceWatermark(watermark);
            gapsSeen.keySet().removeIf(g -> g <= newWatermark);
            if (newWatermark != watermark || next[0] != size) {
                // an idle cycle writes nothing (no WAL flush five times a second)
                jdbc.update("UPDATE audit_state SET watermark = ?, tree_size = ? WHERE id = 1", newWatermark, next[0]);
            }
            size = next[0];
            checkpointIfDue(size);
            return leaves.size();
        });
        return sealed == null ? 0 : sealed;
    }

    /** Adds the leaf's node and every complete subtree it completes to {@code nodes} (and to {@code fresh}). */
    private void appendNode(Map<String, byte[]> fresh, List<Object[]> nodes, long leaf, byte[] hash) {
        int level = 0;
        long index = leaf;
        byte[] current = hash;
        store(fresh, nodes, level, index, current);
        while ((index & 1) == 1) {
            byte[] left = node(fresh, level, index - 1);
            current = Merkle.nodeHash(left, current);
            level++;
            index >>= 1;
            store(fresh, nodes, level, index, current);
        }
    }

    private static void store(Map<String, byte[]> fresh, List<Object[]> nodes, int level, long index, byte[] hash) {
        nodes.add(new Object[] {(short) level, index, hash});
        fresh.put(level + ":" + index, hash);
    }

    private byte[] node(Map<String, byte[]> fresh, int level, long index) {
        byte[] h = fresh.get(level + ":" + index);
        return h != null ? h : storedNode(level, index);
    }

    byte[] storedNode(int level, long index) {
        return storedNode(jdbc, level, index);
    }

    private static byte[] storedNode(JdbcTemplate jdbc, int level, long index) {
        return jdbc.queryForObject("SELECT hash FROM audit_node WHERE level = ? AND node_index = ?", byte[].class,
                (short) level, index);
    }

    /** Proofs over the tree stored in {@code audit_node} of the database behind {@code jdbc}, as the service computes them. */
    public static MerkleProofs proofsOver(JdbcTemplate jdbc) {
        return new MerkleProofs((level, index) -> storedNode(jdbc, level, index));
    }

    private long advanceWatermark(long watermark) {
        Long maxSealed = jdbc.queryForObject("SELECT max(global_index) FROM audit_leaf WHERE global_index > ?", Long.class, watermark);
        if (maxSealed == null) {
            return watermark;
        }
        List<Long> missing = jdbc.queryForList("""
                SELECT g FROM generate_series(?::bigint, ?::bigint) g
                WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.global_index = g) ORDER BY g LIMIT ?""",
                Long.class, watermark + 1, maxSealed, MAX_GAPS_PER_CYCLE);
        long now = System.nanoTime();
        for (Long g : missing) {
            long seen = gapsSeen.computeIfAbsent(g, k -> now);
            if (now - seen < gapTimeout.toNanos()) {
                return g - 1;
            }
            gapsSeen.remove(g);
            jdbc.update("INSERT INTO audit_gap (global_index) VALUES (?) ON CONFLICT DO NOTHING", g);
            log.debug("Global index {} stayed empty for {}: not waiting for it any more", g, gapTimeout);
        }
        return missing.size() == MAX_GAPS_PER_CYCLE ? missing.get(MAX_GAPS_PER_CYCLE - 1) : maxSealed;
    }

    private void checkpointIfDue(long size) {
        Optional<Checkpoint> last = latest();
        long lastSize = last.map(Checkpoint::treeSize).orElse(-1L);
        long now = System.nanoTime();
        boolean due = last.isEmpty()
                || size - lastSize >= checkpointLeaves
                || (size > lastSize && now - lastCheckpointNanos >= checkpointInterval.toNanos());
        if (!due) {
            return;
        }
        MerkleProofs proofs = proofs();
        byte[] root = proofs.root(size);
        if (last.isPresent() && lastSize > 0 && !consistent(proofs, last.get(), size, root)) {
            throw new IllegalStateException("the tree of size " + size + " is not consistent with checkpoint " + lastSize);
        }
        String note = keys.sign(keys.checkpointBody(size, root));
        jdbc.update("INSERT INTO audit_checkpoint (tree_size, root_hash, note) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                size, root, note);
        lastCheckpointNanos = now;
    }

    private static boolean consistent(MerkleProofs proofs, Checkpoint old, long size, byte[] root) {
        return ProofVerification.consistency(old.treeSize(), size, old.rootHash(), root,
                proofs.consistency(old.treeSize(), size));
    }

    /** Proofs over the stored tree. */
    public MerkleProofs proofs() {
        return new MerkleProofs(this::storedNode);
    }

    public Optional<Checkpoint> latest() {
        return jdbc.query("SELECT tree_size, root_hash, note FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1",
                (rs, i) -> new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3))).stream().findFirst();
    }

    /** When a checkpoint was signed (the database's clock). */
    public record Signed(long treeSize, Instant at) {
    }

    /** The latest signed checkpoint's size and when it was signed, if any. */
    public Optional<Signed> latestSigned() {
        return jdbc.query("SELECT tree_size, created_at FROM audit_checkpoint ORDER BY tree_size DESC LIMIT 1",
                (rs, i) -> new Signed(rs.getLong(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
                .stream().findFirst();
    }

    public long treeSize() {
        return jdbc.queryForObject("SELECT tree_size FROM audit_state WHERE id = 1", Long.class);
    }

    /** The leaf index of a sealed event, if sealed. */
    public Optional<Long> leafOf(String eventId) {
        return jdbc.queryForList("SELECT leaf_index FROM audit_leaf WHERE event_id = ?", Long.class, eventId).stream().findFirst();
    }

    public byte[] leafHash(long leafIndex) {
        return storedNode(0, leafIndex);
    }

    /**
     * Events committed but not sealed yet, and the age of the first of them in global-index order
     * (zero when none). Cheap at any backlog: two index range counts, and one ordered probe that
     * stops at the first unsealed event (the sealer seals in that order); computed at most once a
     * second however often the metrics and the health check ask (a scrape every 100 ms over a
     * backlog of 1.6 million events slowed sealing tenfold when each ran an anti-join).
     */
    public Lag lag() {
        long now = System.nanoTime();
        TimedLag cached = lastLag;
        if (cached != null && now - cached.at() < cached.ttl()) {
            return cached.lag();
        }
        Lag lag = computeLag();
        long took = System.nanoTime() - now;
        // kept at least a second, and five times as long as it took (a count over a large backlog)
        lastLag = new TimedLag(now, Math.max(LAG_TTL_NANOS, 5 * took), lag);
        return lag;
    }

    private Lag computeLag() {
        long watermark = jdbc.queryForObject("SELECT watermark FROM audit_state WHERE id = 1", Long.class);
        long n = events.unsealedAbove(watermark);
        Duration age = events.firstUnsealedTimestampAbove(watermark)
                .map(first -> Duration.between(Instant.parse(first), clock.instant())).orElse(Duration.ZERO);
        return new Lag(Math.max(0, n), age.isNegative() ? Duration.ZERO : age);
    }

    private static final long LAG_TTL_NANOS = Duration.ofSeconds(1).toNanos();

    private record TimedLag(long at, long ttl, Lag lag) {
    }

    private volatile TimedLag lastLag;

    /**
     * Events stored at a global index the sealer had given up on: never sealed, so missing from the
     * tree, from the projections (their processors gave up on the gap too) and from any recount. A
     * correct ledger has none; see docs/audit.md, section 7.
     */
    public long strays() {
        return events.strays();
    }

    /** Sealing lag. */
    public record Lag(long events, Duration age) {
    }
}
