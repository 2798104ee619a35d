package fr.paris.ledger.sortition;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A resigned member's seat stays vacant: no alternate of the group was still eligible. */
@Revision("2")
public record SeatLeftVacant(CouncilId councilId, String group, ApplicationId vacatedBy, Instant at) {
}
