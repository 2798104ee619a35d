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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The sealed ledger: checkpoints, the verifier key, inclusion and consistency proofs, and the export. */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The event log sealed in an RFC 9162 Merkle tree with signed checkpoints")
public class AuditController {
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    private static final JsonFactory JSON_FACTORY = new JsonFactory().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final AuditLog auditLog;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public AuditController(AuditLog auditLog, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
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
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "Every signed checkpoint from a size on, in increasing size (the verifier's --checkpoints file), "
            + "streamed; `limit` caps the number returned")
    public ResponseEntity<StreamingResponseBody> checkpoints(@RequestParam(defaultValue = "0") long fromSize,
                                                             @RequestParam(required = false) Long limit) {
        checkRange(fromSize, limit);
        long max = limit == null ? Long.MAX_VALUE : limit;
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(tx -> {
            try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
                json.writeStartArray();
                stream("SELECT tree_size, note FROM audit_checkpoint WHERE tree_size >= ? ORDER BY tree_size LIMIT ?", rs -> {
                    try {
                        json.writeStartObject();
                        json.writeNumberField("treeSize", rs.getLong(1));
                        json.writeStringField("note", rs.getString(2));
                        json.writeEndObject();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, fromSize, max);
                json.writeEndArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    @GetMapping("/export")
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "The sealed events as NDJSON, one canonical export object per line in leaf order, streamed; "
            + "without `limit`, followed by any stray event (leafIndex null: stored but never sealed)")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "0") long fromLeaf,
                                                        @RequestParam(required = false) Long limit) {
        checkRange(fromLeaf, limit);
        long max = limit == null ? Long.MAX_VALUE : limit;
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(tx -> {
            stream("SELECT l.leaf_index, " + ExportObjects.COLUMNS
                    + " FROM audit_leaf l LEFT JOIN domain_event_entry e ON e.global_index = l.global_index"
                    + " WHERE l.leaf_index >= ? ORDER BY l.leaf_index LIMIT ?", rs -> writeLine(out, rs.getLong(1), rs),
                    fromLeaf, max);
            if (limit == null) {
                stream("SELECT NULL, " + ExportObjects.COLUMNS + " FROM audit_gap g"
                        + " JOIN domain_event_entry e ON e.global_index = g.global_index ORDER BY g.global_index",
                        rs -> writeLine(out, null, rs));
            }
        });
        return ResponseEntity.ok().contentType(NDJSON).body(body);
    }

    @GetMapping(value = "/leaf-hashes", produces = MediaType.TEXT_PLAIN_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    @Operation(summary = "The stored leaf hashes, one base64 line per leaf in leaf order, streamed "
            + "(the verifier's --leaf-hashes file: names the exact leaf whose event changed)")
    public ResponseEntity<StreamingResponseBody> leafHashes(@RequestParam(defaultValue = "0") long fromLeaf,
                                                            @RequestParam(required = false) Long limit) {
        checkRange(fromLeaf, limit);
        long max = limit == null ? Long.MAX_VALUE : limit;
        Base64.Encoder base64 = Base64.getEncoder();
        StreamingResponseBody body = out -> readOnly.executeWithoutResult(tx -> stream(
                "SELECT leaf_hash FROM audit_leaf WHERE leaf_index >= ? ORDER BY leaf_index LIMIT ?", rs -> {
                    try {
                        out.write(base64.encode(rs.getBytes(1)));
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, fromLeaf, max));
        return ResponseEntity.ok().contentType(MediaType.TEXT_PLAIN).body(body);
    }

    private static void checkRange(long from, Long limit) {
        if (from < 0 || (limit != null && limit < 0)) {
            throw new InvalidRequest(limit != null && limit < 0 ? "limit" : "from", "fromLeaf, fromSize and limit are 0 or more");
        }
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
