package fr.paris.ledger.infra.audit;

import fr.paris.ledger.infra.database.Cursors;
import fr.paris.ledger.infra.events.EventScanner;
import fr.paris.ledger.infra.events.EventScanner.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the public audit downloads read: the signed checkpoints from a size on, the stored leaf
 * hashes, and the export lines (the canonical export object of each sealed event, then the strays),
 * each streamed by cursor in one read-only transaction, never held in memory; and the digests that
 * name a full page of them. The event rows come from {@link EventScanner}.
 */
public class AuditDownloads {

    /** The checkpoints of a page as they stand: how many, the last size, a SHA-256 digest of their notes in order. */
    public record CheckpointPage(long count, long last, byte[] digest) {
    }

    /** Where streamed items go: an output that may fail (a response's stream). */
    @FunctionalInterface
    public interface Sink<T> {
        void accept(T item) throws IOException;
    }

    /** Where streamed checkpoints go. */
    @FunctionalInterface
    public interface CheckpointSink {
        void accept(long treeSize, String note) throws IOException;
    }

    private final JdbcTemplate jdbc;
    private final EventScanner events;
    private final TransactionTemplate readOnly;

    public AuditDownloads(JdbcTemplate jdbc, EventScanner events, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.events = events;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** The at most {@code max} checkpoints signed at a size of {@code fromSize} or more, as they stand now. */
    public CheckpointPage checkpointPage(long fromSize, long max) {
        return jdbc.queryForObject("SELECT count(*), max(tree_size), "
                + "sha256(string_agg(convert_to(note, 'UTF8'), ''::bytea ORDER BY tree_size)) FROM (SELECT tree_size, note "
                + "FROM audit_checkpoint WHERE tree_size >= ? ORDER BY tree_size LIMIT ?) p",
                (rs, i) -> new CheckpointPage(rs.getLong(1), rs.getLong(2), rs.getBytes(3)), fromSize, max);
    }

    /** Streams the checkpoints of sizes {@code [fromSize, toSize]} in increasing size. */
    public void checkpoints(long fromSize, long toSize, CheckpointSink sink) {
        readOnly.executeWithoutResult(tx -> Cursors.stream(jdbc, "SELECT tree_size, note FROM audit_checkpoint "
                + "WHERE tree_size >= ? AND tree_size <= ? ORDER BY tree_size", 1_000, rs -> {
                    try {
                        sink.accept(rs.getLong(1), rs.getString(2));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, fromSize, toSize));
    }

    /** A SHA-256 digest of the stored hashes of the leaves {@code [fromLeaf, toLeaf)} in order: it names their content. */
    public byte[] leafHashesDigest(long fromLeaf, long toLeaf) {
        return jdbc.queryForObject("SELECT sha256(string_agg(leaf_hash, ''::bytea ORDER BY leaf_index)) "
                + "FROM audit_leaf WHERE leaf_index >= ? AND leaf_index < ?", byte[].class, fromLeaf, toLeaf);
    }

    /** Streams the stored hashes of the leaves {@code [fromLeaf, toLeaf)} in leaf order. */
    public void leafHashes(long fromLeaf, long toLeaf, Sink<byte[]> sink) {
        readOnly.executeWithoutResult(tx -> Cursors.stream(jdbc,
                "SELECT leaf_hash FROM audit_leaf WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index", 1_000, rs -> {
                    try {
                        sink.accept(rs.getBytes(1));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, fromLeaf, toLeaf));
    }

    /**
     * Streams the export lines (canonical, without newline) of the leaves {@code [fromLeaf, toLeaf)}
     * in leaf order, then, {@code withStrays}, of every stray event (leaf index null), all in one
     * read-only transaction. A sealed leaf whose event row is gone is left out (the verifier then names it).
     */
    public void exportLines(long fromLeaf, long toLeaf, boolean withStrays, Sink<byte[]> sink) {
        readOnly.executeWithoutResult(tx -> {
            events.forEachSealed(fromLeaf, toLeaf, (leaf, event) -> {
                if (event != null) {
                    line(sink, leaf, event);
                }
            });
            if (withStrays) {
                events.forEachStray(event -> line(sink, null, event));
            }
        });
    }

    private static void line(Sink<byte[]> sink, Long leafIndex, StoredEvent event) {
        try {
            sink.accept(ExportObjects.canonical(leafIndex, event));
        } catch (Exception e) {
            throw new IllegalStateException("export failed", e);
        }
    }
}
