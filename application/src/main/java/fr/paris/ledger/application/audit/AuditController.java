package fr.paris.ledger.application.audit;

import fr.paris.ledger.application.api.ApiErrors.InvalidRequest;
import fr.paris.ledger.infra.audit.AuditLog;
import fr.paris.ledger.infra.audit.ExportObjects;
import fr.paris.ledger.shared.RuleViolation;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The sealed ledger: checkpoints, the verifier key, inclusion and consistency proofs, and the
 * export. All public (privacy.md, principle 6); the three downloads are paged ({@link AuditPage}).
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The event log sealed in an RFC 9162 Merkle tree with signed checkpoints")
public class AuditController {
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final JsonFactory JSON_FACTORY = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final AuditLog auditLog;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    /** The most items of one page of the export, the leaf hashes or the checkpoints (and the size of a page without limit). */
    private final long maxPage;

    public AuditController(AuditLog auditLog, JdbcTemplate jdbc, PlatformTransactionManager transactions,
                           @Value("${ledger.audit.export.max-page:10000}") long maxPage) {
        if (maxPage < 1) {
            throw new IllegalArgumentException("ledger.audit.export.max-page must be at least 1");
        }
        this.maxPage = maxPage;
        this.auditLog = auditLog;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @GetMapping(value = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The latest signed checkpoint (C2SP tlog-checkpoint in a signed note; public)")
    public String checkpoint() {
        return auditLog.latest().map(AuditLog.Checkpoint::note).orElseThrow(
                () -> RuleViolation.notFound("audit.no-checkpoint", "No checkpoint signed yet."));
    }

    @GetMapping(value = "/verifier-key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The note verifier key of the checkpoints' signer (public)")
    public String verifierKey() {
        return auditLog.keys().verifierKey() + "\n";
    }

    @GetMapping("/proofs/inclusion")
    @Operation(summary = "Proof that an event (by the eventId of its receipt) is in the tree of a given size (public)")
    public Map<String, Object> inclusion(@RequestParam String eventId, @RequestParam(required = false) Long treeSize) {
        long size = treeSize != null ? treeSize : auditLog.latest().map(AuditLog.Checkpoint::treeSize).orElse(0L);
        if (size < 0 || size > auditLog.treeSize()) {
            throw new InvalidRequest("treeSize", "0 to the current tree size " + auditLog.treeSize());
        }
        long leaf = auditLog.leafOf(eventId).orElseThrow(() -> notSealed(eventId));
        if (leaf >= size) {
            throw notSealed(eventId);
        }
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("leafIndex", leaf);
        proof.put("treeSize", size);
        proof.put("leafHash", b64(auditLog.leafHash(leaf)));
        proof.put("auditPath", auditLog.proofs().inclusion(leaf, size).stream().map(AuditController::b64).toList());
        return proof;
    }

    @GetMapping("/proofs/consistency")
    @Operation(summary = "Proof that the tree of size `to` extends the tree of size `from` (public)")
    public Map<String, Object> consistency(@RequestParam long from, @RequestParam long to) {
        if (from < 0 || from > to || to > auditLog.treeSize()) {
            throw new InvalidRequest("from", "0 <= from <= to <= the current tree size " + auditLog.treeSize());
        }
        Map<String, Object> proof = new LinkedHashMap<>();
        proof.put("from", from);
        proof.put("to", to);
        proof.put("path", auditLog.proofs().consistency(from, to).stream().map(AuditController::b64).toList());
        return proof;
    }

    @GetMapping(value = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Signed checkpoints from a size on, in increasing size (the verifier's --checkpoints file), streamed, "
            + "at most `limit` (default and most: ledger.audit.export.max-page); public. A full page is immutable "
            + "(Cache-Control, ETag) and names the next (Link rel=next, X-Next-From-Size)")
    public ResponseEntity<StreamingResponseBody> checkpoints(@RequestParam(defaultValue = "0") long fromSize,
                                                             @RequestParam(required = false) Long limit,
                                                             @RequestHeader HttpHeaders headers) {
        long max = pageSize(fromSize, limit);
        // the page as it stands now: its count, its last size, and a digest of its notes (for the ETag)
        CheckpointRange range = jdbc.queryForObject("SELECT count(*), max(tree_size), "
                + "sha256(string_agg(convert_to(note, 'UTF8'), ''::bytea ORDER BY tree_size)) FROM (SELECT tree_size, note "
                + "FROM audit_checkpoint WHERE tree_size >= ? ORDER BY tree_size LIMIT ?) p",
                (rs, i) -> new CheckpointRange(rs.getLong(1), rs.getLong(2), rs.getBytes(3)), fromSize, max);
        long count = range.count();
        long last = range.last();
        // checkpoints are signed at strictly increasing sizes: once `max` exist from fromSize on, later ones come after them
        AuditPage paging = max > 0 && count == max
                ? AuditPage.full("checkpoints", fromSize, last, range.digest(), "/api/v1/audit/checkpoints", "fromSize",
                        last + 1, limit, "X-Next-From-Size")
                : AuditPage.open();
        return paging.answer(headers, MediaType.APPLICATION_JSON, () -> out -> readOnly.executeWithoutResult(tx -> {
            try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
                json.writeStartArray();
                if (count > 0) {
                    stream("SELECT tree_size, note FROM audit_checkpoint WHERE tree_size >= ? AND tree_size <= ? "
                            + "ORDER BY tree_size", rs -> {
                                try {
                                    json.writeStartObject();
                                    json.writeNumberField("treeSize", rs.getLong(1));
                                    json.writeStringField("note", rs.getString(2));
                                    json.writeEndObject();
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            }, fromSize, last);
                }
                json.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }));
    }

    @GetMapping("/export")
    @Operation(summary = "The sealed events as NDJSON, one canonical export object per line in leaf order, streamed, at most "
            + "`limit` leaves (default and most: ledger.audit.export.max-page); public. The page that reaches the end of the "
            + "sealed leaves is followed by any stray event (leafIndex null: stored but never sealed). A full page is "
            + "immutable (Cache-Control, ETag) and names the next (Link rel=next, X-Next-From-Leaf)")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "0") long fromLeaf,
                                                        @RequestParam(required = false) Long limit,
                                                        @RequestHeader HttpHeaders headers) {
        return leaves("export", fromLeaf, limit, headers, NDJSON, range -> out -> readOnly.executeWithoutResult(tx -> {
            stream("SELECT l.leaf_index, " + ExportObjects.COLUMNS
                    + " FROM audit_leaf l LEFT JOIN domain_event_entry e ON e.global_index = l.global_index"
                    + " WHERE l.leaf_index >= ? AND l.leaf_index < ? ORDER BY l.leaf_index", rs -> writeLine(out, rs.getLong(1), rs),
                    range.from(), range.to());
            if (range.endsTheTree()) {
                stream("SELECT NULL, " + ExportObjects.COLUMNS + " FROM audit_gap g"
                        + " JOIN domain_event_entry e ON e.global_index = g.global_index ORDER BY g.global_index",
                        rs -> writeLine(out, null, rs));
            }
        }));
    }

    @GetMapping(value = "/leaf-hashes", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The stored leaf hashes, one base64 line per leaf in leaf order, streamed, paged as the export "
            + "(the verifier's --leaf-hashes file: names the exact leaf whose event changed); public")
    public ResponseEntity<StreamingResponseBody> leafHashes(@RequestParam(defaultValue = "0") long fromLeaf,
                                                            @RequestParam(required = false) Long limit,
                                                            @RequestHeader HttpHeaders headers) {
        Base64.Encoder base64 = Base64.getEncoder();
        String sql = "SELECT leaf_hash FROM audit_leaf WHERE leaf_index >= ? AND leaf_index < ? ORDER BY leaf_index";
        return leaves("leaf-hashes", fromLeaf, limit, headers, MediaType.TEXT_PLAIN, range -> out -> readOnly.executeWithoutResult(
                tx -> stream(sql, rs -> {
                    try {
                        out.write(base64.encode(rs.getBytes(1)));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, range.from(), range.to())));
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

    /** The checkpoints of a page as they stand when it is asked for: how many, the last size, a digest of their notes. */
    private record CheckpointRange(long count, long last, byte[] digest) {
    }

    /**
     * A page of leaves of {@code /api/v1/audit/<kind>}: its range as of the tree size now, its
     * headers, and its body, streamed by {@code body} from that range.
     */
    private ResponseEntity<StreamingResponseBody> leaves(String kind, long fromLeaf, Long limit, HttpHeaders headers,
                                                         MediaType type, Function<LeafRange, StreamingResponseBody> body) {
        long max = pageSize(fromLeaf, limit);
        long treeSize = auditLog.treeSize();
        long to = fromLeaf >= treeSize ? fromLeaf : fromLeaf + Math.min(max, treeSize - fromLeaf);
        LeafRange range = new LeafRange(fromLeaf, to, max, treeSize);
        AuditPage paging = AuditPage.open();
        if (range.full()) {
            // the stored leaf hashes name the page's content: each line must hash to its leaf's hash
            byte[] digest = jdbc.queryForObject("SELECT sha256(string_agg(leaf_hash, ''::bytea ORDER BY leaf_index)) "
                    + "FROM audit_leaf WHERE leaf_index >= ? AND leaf_index < ?", byte[].class, fromLeaf, to);
            paging = AuditPage.full(kind, fromLeaf, to - 1, digest, "/api/v1/audit/" + kind, "fromLeaf", to, limit,
                    "X-Next-From-Leaf");
        }
        return paging.answer(headers, type, () -> body.apply(range));
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

    /** Streams a query's rows by cursor (1,000 at a time), never holding the result in memory. */
    private void stream(String sql, RowCallbackHandler rows, Object... args) {
        jdbc.query(con -> {
            PreparedStatement ps = con.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            ps.setFetchSize(1_000);
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps;
        }, rows);
    }

    /** One export line; a sealed leaf whose event row is gone is left out (the verifier then names it). */
    private static void writeLine(OutputStream out, Long leafIndex, ResultSet rs) {
        try {
            if (rs.getString(3) == null) {
                return;
            }
            out.write(ExportObjects.canonical(leafIndex, rs, 1));
            out.write('\n');
        } catch (Exception e) {
            throw new IllegalStateException("export failed", e);
        }
    }

    private static RuleViolation notSealed(String eventId) {
        return RuleViolation.notFound("audit.not-sealed-yet", "Event " + eventId + " is not in a sealed tree of that size yet.");
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
