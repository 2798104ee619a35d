package fr.paris.ledger.projections.petition;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** A petition as the public reads it, with its live count of standing signatures. */
public record PetitionView(String id, @JsonIgnore String author, String title, String text, String category,
                           Integer arrondissement, String status, Instant filedAt, Instant opensAt, Instant closesAt,
                           Instant endedAt, long signatureCount, Map<String, Long> byArrondissement, boolean eligible,
                           Instant eligibleAt, String moderationReason, String withdrawalReason,
                           LocalDate councilSession, String decisionReason, Instant decidedAt) {
}
