package fr.paris.ledger.application.audit.web;

import fr.paris.ledger.application.audit.AuditReads;
import java.util.List;

/** {@code GET /api/v1/audit/proofs/consistency}: the two tree sizes and the proof's hashes, in base64. */
public record ConsistencyProof(long from, long to, List<String> path) {

    static ConsistencyProof of(AuditReads.Consistency proof) {
        return new ConsistencyProof(proof.from(), proof.to(), proof.path().stream().map(InclusionProof::base64).toList());
    }
}
