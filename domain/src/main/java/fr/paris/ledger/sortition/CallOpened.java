package fr.paris.ledger.sortition;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.Map;
import org.axonframework.serialization.Revision;

/** A call for applications opened, to draw {@code seats} per quota group and rank alternates. */
@Revision("2")
public record CallOpened(CouncilId councilId, CallId callId, Map<String, Integer> seats, int alternatesPerGroup,
                         ParticipantId openedBy, Instant openedAt) {
}
