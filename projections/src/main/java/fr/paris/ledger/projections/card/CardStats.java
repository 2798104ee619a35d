package fr.paris.ledger.projections.card;

import java.util.Map;

/**
 * Active card holders: in all, per arrondissement ("1" to "20", each present) and per age band
 * ("7-14", "15-29", "30-44", "45-59", "60-74", "75+", each present).
 */
public record CardStats(long active, Map<String, Long> byArrondissement, Map<String, Long> byAgeBand) {
}
