package fr.paris.ledger.bench;

import fr.paris.ledger.infra.audit.AuditLog;
import fr.paris.ledger.infra.audit.Merkle;
import fr.paris.ledger.infra.audit.MerkleProofs;
import fr.paris.ledger.infra.audit.ProofVerification;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Times inclusion and consistency proofs over a stored tree of N leaves (the target: 10
 * million leaves, under 50 ms a proof), with the service's own proof code ({@link AuditLog#proofsOver})
 * on the same {@code audit_node} layout, in a database of its own.
 *
 * <p>The tree is built by SQL: leaf i's data is the 8-byte big-endian i, its hash
 * {@code SHA-256(0x00 || data)}, each complete subtree {@code SHA-256(0x01 || left || right)}, as
 * RFC 9162 says. The root is then computed again in Java, independently, from the leaf data (a
 * stack of perfect subtrees), and must equal the root read through the stored nodes; every timed
 * proof is verified against it. Usage:
 * {@code --jdbc URL [--user postgres] [--leaves 10000000] [--samples 1000]}. The table is kept,
 * and reused by a later run with the same number of leaves.
 */
public final class ProofBench {
    private ProofBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!o.containsKey("jdbc")) {
            System.err.println("usage: --jdbc URL [--user postgres] [--leaves 10000000] [--samples 1000]");
            System.exit(2);
        }
        long n = Long.parseLong(o.getOrDefault("leaves", "10000000"));
        int samples = Integer.parseInt(o.getOrDefault("samples", "1000"));
        SingleConnectionDataSource ds = new SingleConnectionDataSource(o.get("jdbc"), o.getOrDefault("user", "postgres"), "", true);
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        build(jdbc, n);

        AtomicLong reads = new AtomicLong();
        MerkleProofs stored = AuditLog.proofsOver(jdbc);
        MerkleProofs counted = new MerkleProofs((level, index) -> {
            reads.incrementAndGet();
            return stored.hash(index << level, (index + 1) << level);
        });
        byte[] root = independentRoot(n);
        if (!Arrays.equals(root, stored.root(n))) {
            throw new IllegalStateException("the stored tree's root differs from the root computed from the leaves");
        }
        Random random = new Random(42);
        for (int i = 0; i < 50; i++) { // warm-up: JIT and PostgreSQL's buffers, not measured
            long m = Math.floorMod(random.nextLong(), n);
            stored.inclusion(m, n);
        }
        long[] inclusion = new long[samples];
        long[] consistency = new long[samples];
        long inclusionReads = 0;
        long consistencyReads = 0;
        for (int i = 0; i < samples; i++) {
            long m = Math.floorMod(random.nextLong(), n);
            reads.set(0);
            long t0 = System.nanoTime();
            List<byte[]> path = counted.inclusion(m, n);
            inclusion[i] = System.nanoTime() - t0;
            inclusionReads += reads.get();
            if (!ProofVerification.inclusion(m, n, Merkle.leafHash(data(m)), path, root)) {
                throw new IllegalStateException("inclusion proof of leaf " + m + " does not verify");
            }
            long first = 1 + Math.floorMod(random.nextLong(), n - 1);
            reads.set(0);
            t0 = System.nanoTime();
            List<byte[]> proof = counted.consistency(first, n);
            consistency[i] = System.nanoTime() - t0;
            consistencyReads += reads.get();
            if (!ProofVerification.consistency(first, n, stored.root(first), root, proof)) {
                throw new IllegalStateException("consistency proof from " + first + " does not verify");
            }
        }
        System.out.println(report("inclusion", n, inclusion, inclusionReads / (double) samples));
        System.out.println(report("consistency", n, consistency, consistencyReads / (double) samples));
        ds.destroy();
    }

    private static String report(String kind, long n, long[] nanos, double reads) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("{\"proof\":\"%s\",\"leaves\":%d,\"samples\":%d,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"maxMs\":%.2f,"
                + "\"nodeReads\":%.1f}", kind, n, sorted.length, ms(sorted, 0.50), ms(sorted, 0.99),
                sorted[sorted.length - 1] / 1e6, reads);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    static byte[] data(long i) {
        return ByteBuffer.allocate(8).putLong(i).array();
    }

    /** MTH of the n leaves, from their data, with a stack of perfect-subtree roots (not the stored nodes). */
    static byte[] independentRoot(long n) {
        Deque<byte[]> stack = new ArrayDeque<>();
        for (long i = 0; i < n; i++) {
            stack.push(Merkle.leafHash(data(i)));
            for (long s = i; (s & 1) == 1; s >>= 1) {
                byte[] right = stack.pop();
                byte[] left = stack.pop();
                stack.push(Merkle.nodeHash(left, right));
            }
        }
        if (stack.isEmpty()) {
            return Merkle.emptyRoot();
        }
        List<byte[]> roots = new ArrayList<>(stack); // top of the stack (smallest subtree) first
        byte[] r = roots.get(0);
        for (int i = 1; i < roots.size(); i++) {
            r = Merkle.nodeHash(roots.get(i), r);
        }
        return r;
    }

    /** Fills audit_node for n leaves, unless it already holds exactly that tree. */
    static void build(JdbcTemplate jdbc, long n) {
        jdbc.execute("CREATE TABLE IF NOT EXISTS audit_node (level SMALLINT NOT NULL, node_index BIGINT NOT NULL, "
                + "hash BYTEA NOT NULL, PRIMARY KEY (level, node_index))");
        Long leaves = jdbc.queryForObject("SELECT count(*) FROM audit_node WHERE level = 0", Long.class);
        if (leaves != null && leaves == n) {
            System.err.println("audit_node already holds " + n + " leaves: reused");
            return;
        }
        long t0 = System.nanoTime();
        jdbc.execute("TRUNCATE audit_node");
        for (long lo = 0; lo < n; lo += 1_000_000) {
            jdbc.update("INSERT INTO audit_node SELECT 0, i, sha256('\\x00'::bytea || int8send(i)) "
                    + "FROM generate_series(?::bigint, ?::bigint) i", lo, Math.min(n, lo + 1_000_000) - 1);
        }
        for (int level = 1; (1L << level) <= n; level++) {
            jdbc.update("INSERT INTO audit_node SELECT ?, a.node_index / 2, sha256('\\x01'::bytea || a.hash || b.hash) "
                    + "FROM audit_node a JOIN audit_node b ON b.level = a.level AND b.node_index = a.node_index + 1 "
                    + "WHERE a.level = ? AND a.node_index % 2 = 0", (short) level, (short) (level - 1));
        }
        jdbc.execute("VACUUM ANALYZE audit_node");
        System.err.printf("built a tree of %d leaves in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
    }
}
