package fr.paris.ledger.infra.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * <p>One sealing cycle runs in one transaction that first locks {@code audit_state}, so that on
 * several nodes the cycles take turns. It seals, in global-index order, the committed events not yet
 * sealed above the watermark (and a short look-back below it, for commits that came late), then
 * moves the watermark up to the first gap in the global index still younger than the gap timeout:
 * a gap that is a transaction still committing is sealed when it commits, one that never will be
 * (a rolled-back sequence value) stops holding the watermark after the timeout. A checkpoint is
 * signed every {@code checkpointLeaves} leaves, or when {@code checkpointInterval} has passed with
 * new leaves, and only after checking that it is consistent with the previous one.
 */
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int LOOK_BACK = 1_000;

    /** A signed checkpoint. */
    public record Checkpoint(long treeSize, byte[] rootHash, String note) {
    }

    private final JdbcTemplate jdbc;
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

    public AuditLog(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditKeys keys, Clock clock,
                    int batchSize, long checkpointLeaves, Duration checkpointInterval, Duration gapTimeout) {
        this.jdbc = jdbc;
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
            var state = jdbc.queryForMap("SELECT watermark, tree_size FROM audit_state WHERE id = 1 FOR UPDATE");
            long watermark = ((Number) state.get("watermark")).longValue();
            long size = ((Number) state.get("tree_size")).longValue();
            Map<String, byte[]> fresh = new HashMap<>();
            List<long[]> appended = new ArrayList<>();
            List<Object[]> leaves = new ArrayList<>();
            List<Object[]> nodes = new ArrayList<>();
            long[] next = {size};
            jdbc.query("SELECT " + ExportObjects.COLUMNS + " FROM domain_event_entry e WHERE e.global_index > ? "
                    + "AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.global_index = e.global_index) "
                    + "ORDER BY e.global_index LIMIT ?", rs -> {
                        long leaf = next[0]++;
                        byte[] hash = Merkle.leafHash(ExportObjects.canonical(leaf, rs));
                        leaves.add(new Object[] {leaf, rs.getLong(1), rs.getString(2), hash});
                        appendNode(fresh, nodes, leaf, hash);
                        appended.add(new long[] {leaf, rs.getLong(1)});
                    }, Math.max(0, watermark - LOOK_BACK), batchSize);
            size = next[0];
            // one round trip for the cycle's leaves and one for its nodes, in the same transaction
            jdbc.batchUpdate("INSERT INTO audit_leaf (leaf_index, global_index, event_id, leaf_hash) VALUES (?, ?, ?, ?)", leaves);
            jdbc.batchUpdate("INSERT INTO audit_node (level, node_index, hash) VALUES (?, ?, ?)", nodes);
            long newWatermark = advanceWatermark(watermark);
            gapsSeen.keySet().removeIf(g -> g <= newWatermark);
            jdbc.update("UPDATE audit_state SET watermark = ?, tree_size = ? WHERE id = 1", newWatermark, size);
            checkpointIfDue(size);
            return appended.size();
        });
        return sealed == null ? 0 : sealed;
    }

    /** Stores the leaf's node and every complete subtree it completes. */
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

    /** Keeps the node for this cycle's batch insert, and in {@code fresh} for the nodes computed after it. */
    private static void store(Map<String, byte[]> fresh, List<Object[]> nodes, int level, long index, byte[] hash) {
        nodes.add(new Object[] {(short) level, index, hash});
        fresh.put(level + ":" + index, hash);
    }

    private byte[] node(Map<String, byte[]> fresh, int level, long index) {
        byte[] h = fresh.get(level + ":" + index);
        return h != null ? h : storedNode(level, index);
    }

    byte[] storedNode(int level, long index) {
        return jdbc.queryForObject("SELECT hash FROM audit_node WHERE level = ? AND node_index = ?", byte[].class,
                (short) level, index);
    }

    private long advanceWatermark(long watermark) {
        Long maxSealed = jdbc.queryForObject("SELECT max(global_index) FROM audit_leaf WHERE global_index > ?", Long.class, watermark);
        if (maxSealed == null) {
            return watermark;
        }
        List<Long> missing = jdbc.queryForList("""
                SELECT g FROM generate_series(?::bigint, ?::bigint) g
                WHERE NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.global_index = g) ORDER BY g LIMIT 1000""",
                Long.class, watermark + 1, maxSealed);
        long now = System.nanoTime();
        for (Long g : missing) {
            long seen = gapsSeen.computeIfAbsent(g, k -> now);
            if (now - seen < gapTimeout.toNanos()) {
                return g - 1;
            }
            gapsSeen.remove(g);
            log.debug("Global index {} stayed empty for {}: not waiting for it any more", g, gapTimeout);
        }
        return missing.size() == 1000 ? missing.get(999) : maxSealed;
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

    public List<Checkpoint> checkpoints(long fromSize) {
        return jdbc.query("SELECT tree_size, root_hash, note FROM audit_checkpoint WHERE tree_size >= ? ORDER BY tree_size",
                (rs, i) -> new Checkpoint(rs.getLong(1), rs.getBytes(2), rs.getString(3)), fromSize);
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

    /** Events committed but not sealed yet, and the age of the oldest of them (zero when none). */
    public Lag lag() {
        long watermark = jdbc.queryForObject("SELECT watermark FROM audit_state WHERE id = 1", Long.class);
        var row = jdbc.queryForMap("""
                SELECT count(*) AS n, min(e.time_stamp) AS oldest FROM domain_event_entry e
                WHERE e.global_index > ? AND NOT EXISTS (SELECT 1 FROM audit_leaf l WHERE l.global_index = e.global_index)""",
                watermark);
        long n = ((Number) row.get("n")).longValue();
        String oldest = (String) row.get("oldest");
        Duration age = oldest == null ? Duration.ZERO : Duration.between(Instant.parse(oldest), clock.instant());
        return new Lag(n, age.isNegative() ? Duration.ZERO : age);
    }

    /** Sealing lag. */
    public record Lag(long events, Duration age) {
    }
}
