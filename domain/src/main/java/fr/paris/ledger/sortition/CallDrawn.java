package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A call was drawn. It holds everything needed to recompute the draw from published data alone:
 * the algorithm, the pool hash, the random sources and the key string built from them, the seats
 * drawn per group (those vacant at the draw, at most the call's), and the selected and alternates
 * per group in order.
 */
@Revision("2")
public record CallDrawn(CouncilId councilId, CallId callId, String algorithm, String poolHash,
                        List<RandomSource> randomSources, String key, Map<String, Integer> seats,
                        int alternatesPerGroup, Map<String, List<ApplicationId>> selected,
                        Map<String, List<ApplicationId>> alternates, ParticipantId drawnBy, Instant drawnAt) {
}
