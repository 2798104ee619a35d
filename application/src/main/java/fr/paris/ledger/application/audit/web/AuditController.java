package fr.paris.ledger.application.audit.web;

import fr.paris.ledger.application.audit.AuditReads;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The sealed ledger: checkpoints, the verifier key, inclusion and consistency proofs, and the
 * export ({@link AuditReads}). All public (privacy.md, principle 6); the three downloads are paged
 * ({@link AuditPage}).
 */
@RestController
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The event log sealed in an RFC 9162 Merkle tree with signed checkpoints")
public class AuditController {
    private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final AuditReads audit;

    public AuditController(AuditReads audit) {
        this.audit = audit;
    }

    @GetMapping(value = "/checkpoint", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The latest signed checkpoint (C2SP tlog-checkpoint in a signed note; public)")
    public String checkpoint() {
        return audit.checkpointNote();
    }

    @GetMapping(value = "/verifier-key", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The note verifier key of the checkpoints' signer (public)")
    public String verifierKey() {
        return audit.verifierKey();
    }

    @GetMapping("/proofs/inclusion")
    @Operation(summary = "Proof that an event (by the eventId of its receipt) is in the tree of a given size (public)")
    public InclusionProof inclusion(@RequestParam String eventId, @RequestParam(required = false) Long treeSize) {
        return InclusionProof.of(audit.inclusion(eventId, treeSize));
    }

    @GetMapping("/proofs/consistency")
    @Operation(summary = "Proof that the tree of size `to` extends the tree of size `from` (public)")
    public ConsistencyProof consistency(@RequestParam long from, @RequestParam long to) {
        return ConsistencyProof.of(audit.consistency(from, to));
    }

    @GetMapping(value = "/checkpoints", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Signed checkpoints from a size on, in increasing size (the verifier's --checkpoints file), streamed, "
            + "at most `limit` (default and most: ledger.audit.export.max-page); public. A full page is immutable "
            + "(Cache-Control, ETag) and names the next (Link rel=next, X-Next-From-Size)")
    public ResponseEntity<StreamingResponseBody> checkpoints(@RequestParam(defaultValue = "0") long fromSize,
                                                             @RequestParam(required = false) Long limit,
                                                             @RequestHeader HttpHeaders headers) {
        return AuditPage.of("checkpoints", audit.checkpoints(fromSize, limit), "fromSize", "X-Next-From-Size", limit)
                .answer(headers, MediaType.APPLICATION_JSON);
    }

    @GetMapping("/export")
    @Operation(summary = "The sealed events as NDJSON, one canonical export object per line in leaf order, streamed, at most "
            + "`limit` leaves (default and most: ledger.audit.export.max-page); public. The page that reaches the end of the "
            + "sealed leaves is followed by any stray event (leafIndex null: stored but never sealed). A full page is "
            + "immutable (Cache-Control, ETag) and names the next (Link rel=next, X-Next-From-Leaf)")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "0") long fromLeaf,
                                                        @RequestParam(required = false) Long limit,
                                                        @RequestHeader HttpHeaders headers) {
        return AuditPage.of("export", audit.export(fromLeaf, limit), "fromLeaf", "X-Next-From-Leaf", limit)
                .answer(headers, NDJSON);
    }

    @GetMapping(value = "/leaf-hashes", produces = MediaType.TEXT_PLAIN_VALUE)
    @Operation(summary = "The stored leaf hashes, one base64 line per leaf in leaf order, streamed, paged as the export "
            + "(the verifier's --leaf-hashes file: names the exact leaf whose event changed); public")
    public ResponseEntity<StreamingResponseBody> leafHashes(@RequestParam(defaultValue = "0") long fromLeaf,
                                                            @RequestParam(required = false) Long limit,
                                                            @RequestHeader HttpHeaders headers) {
        return AuditPage.of("leaf-hashes", audit.leafHashes(fromLeaf, limit), "fromLeaf", "X-Next-From-Leaf", limit)
                .answer(headers, MediaType.TEXT_PLAIN);
    }
}
