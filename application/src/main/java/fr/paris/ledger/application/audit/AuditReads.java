package fr.paris.ledger.application.audit;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.infra.audit.AuditDownloads;
import fr.paris.ledger.infra.audit.AuditLog;
import fr.paris.ledger.shared.RuleViolation;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The sealed ledger's reads: the latest checkpoint, the verifier key, inclusion and consistency
 * proofs, and the pages of the three downloads (the checkpoints file, the export, the leaf hashes).
 * All public (privacy.md, principle 6). A page is fixed when it is asked for: its range is taken
 * from the tree (or the checkpoints) as they stand then, so that the body, written later, agrees
 * with the page's headers whatever is sealed meanwhile; a <em>full</em> page (every item it asked
 * for exists) never changes, and is named by a digest of its stored content (ADR 014).
 */
@Component
public class AuditReads {
    private static final JsonFactory JSON_FACTORY = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Proof that a leaf is in the tree of a size: its hash and the audit path (RFC 9162 2.1.3). */
    public record Inclusion(long leafIndex, long treeSize, byte[] leafHash, List<byte[]> auditPath) {
    }

    /** Proof that the tree of size {@code to} extends the tree of size {@code from} (RFC 9162 2.1.4). */
    public record Consistency(long from, long to, List<byte[]> path) {
    }

    /** The body of a download, written when the answer is sent. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * One page of a download. A full page names its first and last item, a digest of its stored
     * content and the first item of the next page; any other page may still grow.
     */
    public record Download(boolean full, long first, long last, byte[] digest, long nextFrom, Body body) {
        static Download open(Body body) {
            return new Download(false, -1, -1, null, -1, body);
        }
    }

    private final AuditLog auditLog;
    private final AuditDownloads downloads;
    /** The most items of one page of the export, the leaf hashes or the checkpoints (and the size of a page without limit). */
    private final long maxPage;

    public AuditReads(AuditLog auditLog, AuditDownloads downloads,
                      @Value("${ledger.audit.export.max-page:10000}") long maxPage) {
        if (maxPage < 1) {
            throw new IllegalArgumentException("ledger.audit.export.max-page must be at least 1");
        }
        this.maxPage = maxPage;
        this.auditLog = auditLog;
        this.downloads = downloads;
    }

    /** The latest signed checkpoint's note; 404 {@code audit.no-checkpoint} before the first. */
    public String checkpointNote() {
        return auditLog.latest().map(AuditLog.Checkpoint::note).orElseThrow(
                () -> RuleViolation.notFound("audit.no-checkpoint", "No checkpoint signed yet."));
    }

    public String verifierKey() {
        return auditLog.keys().verifierKey() + "\n";
    }

    /** Proof that the event {@code eventId} is in the tree of size {@code treeSize} (the latest checkpoint's when null). */
    public Inclusion inclusion(String eventId, Long treeSize) {
        long size = treeSize != null ? treeSize : auditLog.latest().map(AuditLog.Checkpoint::treeSize).orElse(0L);
        if (size < 0 || size > auditLog.treeSize()) {
            throw new InvalidRequest("treeSize", "0 to the current tree size " + auditLog.treeSize());
        }
        long leaf = auditLog.leafOf(eventId).orElseThrow(() -> notSealed(eventId));
        if (leaf >= size) {
            throw notSealed(eventId);
        }
        return new Inclusion(leaf, size, auditLog.leafHash(leaf), auditLog.proofs().inclusion(leaf, size));
    }

    public Consistency consistency(long from, long to) {
        if (from < 0 || from > to || to > auditLog.treeSize()) {
            throw new InvalidRequest("from", "0 <= from <= to <= the current tree size " + auditLog.treeSize());
        }
        return new Consistency(from, to, auditLog.proofs().consistency(from, to));
    }

    /** Signed checkpoints from a size on, in increasing size, at most {@code limit}, as a JSON array of {treeSize, note}. */
    public Download checkpoints(long fromSize, Long limit) {
        long max = pageSize(fromSize, limit);
        // the page as it stands now: its count, its last size, and a digest of its notes (for the ETag)
        AuditDownloads.CheckpointPage page = downloads.checkpointPage(fromSize, max);
        long count = page.count();
        long last = page.last();
        Body body = out -> {
            try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
                json.writeStartArray();
                if (count > 0) {
                    downloads.checkpoints(fromSize, last, (treeSize, note) -> {
                        json.writeStartObject();
                        json.writeNumberField("treeSize", treeSize);
                        json.writeStringField("note", note);
                        json.writeEndObject();
                    });
                }
                json.writeEndArray();
            }
        };
        // checkpoints are signed at strictly increasing sizes: once `max` exist from fromSize on, later ones come after them
        return max > 0 && count == max ? new Download(true, fromSize, last, page.digest(), last + 1, body) : Download.open(body);
    }

    /** The sealed events, one canonical export object per line; the page that reaches the end of the tree ends with the strays. */
    public Download export(long fromLeaf, Long limit) {
        return leaves(fromLeaf, limit, range -> out -> downloads.exportLines(range.from(), range.to(), range.endsTheTree(),
                line -> {
                    out.write(line);
                    out.write('\n');
                }));
    }

    /** The stored leaf hashes, one base64 line per leaf. */
    public Download leafHashes(long fromLeaf, Long limit) {
        Base64.Encoder base64 = Base64.getEncoder();
        return leaves(fromLeaf, limit, range -> out -> downloads.leafHashes(range.from(), range.to(), hash -> {
            out.write(base64.encode(hash));
            out.write('\n');
        }));
    }

    /**
     * The leaves {@code [from, to)} of a page, as of the tree size when it is asked for: the body
     * streamed later holds exactly these, whatever is sealed meanwhile, so that it agrees with the
     * page's headers. {@code limit} is the page size asked for.
     */
    private record LeafRange(long from, long to, long limit, long treeSize) {
        /** Every leaf asked for is sealed: the page never changes. */
        boolean full() {
            return limit > 0 && to - from == limit;
        }

        /** The page reaches the end of the sealed leaves, so the stray events follow it. */
        boolean endsTheTree() {
            return limit > 0 && from <= treeSize && to - from < limit;
        }
    }

    /** A page of leaves: its range as of the tree size now, and its body, written by {@code body} from that range. */
    private Download leaves(long fromLeaf, Long limit, Function<LeafRange, Body> body) {
        long max = pageSize(fromLeaf, limit);
        long treeSize = auditLog.treeSize();
        long to = fromLeaf >= treeSize ? fromLeaf : fromLeaf + Math.min(max, treeSize - fromLeaf);
        LeafRange range = new LeafRange(fromLeaf, to, max, treeSize);
        if (!range.full()) {
            return Download.open(body.apply(range));
        }
        // the stored leaf hashes name the page's content: each line must hash to its leaf's hash
        return new Download(true, fromLeaf, to - 1, downloads.leafHashesDigest(fromLeaf, to), to, body.apply(range));
    }

    /** The page size: {@code limit}, or the most when it is absent; 400 below 0 or above the most. */
    private long pageSize(long from, Long limit) {
        if (from < 0 || (limit != null && limit < 0)) {
            throw new InvalidRequest(limit != null && limit < 0 ? "limit" : "from", "fromLeaf, fromSize and limit are 0 or more");
        }
        if (limit != null && limit > maxPage) {
            throw new InvalidRequest("limit", "at most " + maxPage + " a page; follow the next page's link for more");
        }
        return limit == null ? maxPage : limit;
    }

    private static RuleViolation notSealed(String eventId) {
        return RuleViolation.notFound("audit.not-sealed-yet", "Event " + eventId + " is not in a sealed tree of that size yet.");
    }
}
