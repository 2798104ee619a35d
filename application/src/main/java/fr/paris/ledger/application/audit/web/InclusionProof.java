package fr.paris.ledger.application.audit.web;

import fr.paris.ledger.application.audit.AuditReads;
import java.util.Base64;
import java.util.List;

/** {@code GET /api/v1/audit/proofs/inclusion}: the leaf, the tree size, the leaf hash and the audit path, hashes in base64. */
public record InclusionProof(long leafIndex, long treeSize, String leafHash, List<String> auditPath) {

    static InclusionProof of(AuditReads.Inclusion proof) {
        return new InclusionProof(proof.leafIndex(), proof.treeSize(), base64(proof.leafHash()),
                proof.auditPath().stream().map(InclusionProof::base64).toList());
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
