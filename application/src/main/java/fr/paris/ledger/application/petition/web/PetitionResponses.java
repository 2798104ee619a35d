package fr.paris.ledger.application.petition.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.application.petition.PetitionActs;
import fr.paris.ledger.infra.axon.Receipt;
import fr.paris.ledger.petition.PetitionStatus;
import java.time.Instant;

/** Answers of the petition endpoints (docs/api.md), in the order of their fields there. */
public final class PetitionResponses {
    private PetitionResponses() {
    }

    /** {@code POST /petitions}. */
    public record PetitionFiledJson(String id, PetitionStatus status, ReceiptJson receipt) {
        public static PetitionFiledJson of(PetitionActs.Filed filed) {
            return new PetitionFiledJson(filed.id().value(), filed.status(), ReceiptJson.of(filed.receipt()));
        }
    }

    /** {@code POST /petitions/{id}/moderation}: the window is null for a rejection. */
    public record PetitionModeratedJson(PetitionStatus status, Instant opensAt, Instant closesAt, ReceiptJson receipt) {
        public static PetitionModeratedJson of(PetitionActs.Moderated moderated) {
            return new PetitionModeratedJson(moderated.status(), moderated.opensAt(), moderated.closesAt(),
                    ReceiptJson.of(moderated.receipt()));
        }
    }

    /** {@code POST /petitions/{id}/withdraw}. */
    public record PetitionWithdrawnJson(PetitionStatus status, ReceiptJson receipt) {
        public static PetitionWithdrawnJson of(PetitionActs.Withdrawn withdrawn) {
            return new PetitionWithdrawnJson(withdrawn.status(), ReceiptJson.of(withdrawn.receipt()));
        }
    }

    /** {@code POST /petitions/{id}/cpdp-decision}: the count the decision relied on. */
    public record PetitionDecidedJson(PetitionStatus status, long validSignatures, ReceiptJson receipt) {
        public static PetitionDecidedJson of(PetitionActs.Decided decided) {
            return new PetitionDecidedJson(decided.status(), decided.validSignatures(), ReceiptJson.of(decided.receipt()));
        }
    }

    /** A signature given or withdrawn: its receipt only. */
    public record SignatureReceiptJson(ReceiptJson receipt) {
        public static SignatureReceiptJson of(Receipt receipt) {
            return new SignatureReceiptJson(ReceiptJson.of(receipt));
        }
    }

    /** {@code GET /petitions/{id}/signatures/count}: {@code asOf} is the moment counted, rounded down to its second. */
    public record SignatureCountJson(String petitionId, long validSignatures, Instant asOf) {
    }

    /** {@code POST /petitions/{id}/comments}. */
    public record CommentPostedJson(String commentId, ReceiptJson receipt) {
        public static CommentPostedJson of(PetitionActs.Commented commented) {
            return new CommentPostedJson(commented.commentId().value(), ReceiptJson.of(commented.receipt()));
        }
    }

    /** {@code POST /petitions/{id}/comments/{commentId}/hide}. */
    public record CommentHiddenJson(String commentId, boolean hidden, ReceiptJson receipt) {
    }
}
