package fr.paris.ledger.projections.petition;

import java.time.Instant;

/** A petition in a list. */
public record PetitionSummary(String id, String title, String category, Integer arrondissement, String status,
                              Instant filedAt, Instant opensAt, Instant closesAt, long signatureCount) {
}
