package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.Revision;

/**
 * A call closed and its pool froze: the applicants in the order their applications were recorded,
 * with their groups, and the pool's hash ({@link PoolHash}), recorded before any random value of
 * the draw is known.
 */
@Revision("2")
public record CallClosed(CouncilId councilId, CallId callId, List<PoolEntry> pool, String poolHash,
                         Map<String, Integer> groups, ParticipantId closedBy, Instant closedAt) {
}
