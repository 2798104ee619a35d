package fr.paris.ledger.application.sortition.web;

import fr.paris.ledger.application.api.ReceiptJson;
import fr.paris.ledger.infra.axon.Accepted;
import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.CallClosed;
import fr.paris.ledger.sortition.CallDrawn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The answers to the acts on councils (the reads answer with the read model's views). */
public final class CouncilAnswers {
    private CouncilAnswers() {
    }

    public record CouncilDefinedJson(String councilId, ReceiptJson receipt) {
    }

    public record CallOpenedJson(String councilId, String callId, String status, ReceiptJson receipt) {
    }

    public record CouncilApplicationJson(String applicationId, ReceiptJson receipt) {
        static CouncilApplicationJson of(Accepted<ApplicationId> accepted) {
            return new CouncilApplicationJson(accepted.result().value(), ReceiptJson.of(accepted.receipt()));
        }
    }

    /** The frozen pool's size and hash, recorded before any random value is known. */
    public record CallClosedJson(int poolSize, String poolHash, Map<String, Integer> groups, Instant closedAt,
                                 ReceiptJson receipt) {
        static CallClosedJson of(Accepted<CallClosed> accepted) {
            CallClosed closed = accepted.result();
            return new CallClosedJson(closed.pool().size(), closed.poolHash(), closed.groups(), closed.closedAt(),
                    ReceiptJson.of(accepted.receipt()));
        }
    }

    /** A draw with everything needed to recompute it; {@code randomSources} as given. */
    public record CallDrawnJson(String councilId, String callId, String algorithm, String poolHash, List<Object> randomSources,
                                String key, Map<String, Integer> seats, int alternatesPerGroup, Map<String, List<String>> selected,
                                Map<String, List<String>> alternates, Instant drawnAt, ReceiptJson receipt) {
        static CallDrawnJson of(String councilId, String callId, List<Object> randomSources, Accepted<CallDrawn> accepted) {
            CallDrawn d = accepted.result();
            return new CallDrawnJson(councilId, callId, d.algorithm(), d.poolHash(), randomSources, d.key(), d.seats(),
                    d.alternatesPerGroup(), ids(d.selected()), ids(d.alternates()), d.drawnAt(), ReceiptJson.of(accepted.receipt()));
        }

        private static Map<String, List<String>> ids(Map<String, List<ApplicationId>> byGroup) {
            Map<String, List<String>> out = new TreeMap<>();
            byGroup.forEach((group, ids) -> out.put(group, ids.stream().map(ApplicationId::value).toList()));
            return out;
        }
    }

    /** {@code replacedBy}: the alternate seated in the member's place, or null (present) when none was eligible. */
    public record ResignationJson(String replacedBy, ReceiptJson receipt) {
        static ResignationJson of(Accepted<ApplicationId> accepted) {
            return new ResignationJson(accepted.result() == null ? null : accepted.result().value(), ReceiptJson.of(accepted.receipt()));
        }
    }
}
