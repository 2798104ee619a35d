package fr.paris.ledger.verifier;

import fr.paris.ledger.budget.CampaignRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * What a campaign's recount counts the same way whatever its ballot method (api.md, the results' fields): the counted
 * ballots by channel ({@code ONLINE}, {@code PAPER}) and by arrondissement ("1" to "20", then "none"), the paper
 * ballots set aside, and the scopes in the order the results list them, PARIS then "1" to "20", each with its
 * envelope.
 */
final class BallotCounts {
    long online;
    long paper;
    long paperSetAside;
    /** Counted ballots by arrondissement: 1 to 20, and 0 for none. */
    final long[] byArrondissement = new long[21];

    long ballots() {
        return online + paper;
    }

    Map<String, Long> byChannel() {
        Map<String, Long> channels = new LinkedHashMap<>();
        channels.put("ONLINE", online);
        channels.put("PAPER", paper);
        return channels;
    }

    Map<String, Long> byArrondissement() {
        Map<String, Long> arrondissements = new LinkedHashMap<>();
        for (int a = 1; a <= 20; a++) {
            arrondissements.put(Integer.toString(a), byArrondissement[a]);
        }
        arrondissements.put("none", byArrondissement[0]);
        return arrondissements;
    }

    /**
     * Each scope's result, PARIS then "1" to "20": {@code result} is given the scope (0 for PARIS, else the
     * arrondissement) and its envelope in the campaign's rules (0 for an arrondissement the rules do not name).
     */
    static <T> Map<String, T> scopes(CampaignRules rules, BiFunction<Integer, Long, T> result) {
        Map<String, T> scopes = new LinkedHashMap<>();
        scopes.put("PARIS", result.apply(0, rules.parisWideEnvelopeCents()));
        for (int a = 1; a <= 20; a++) {
            Long envelope = rules.arrondissementEnvelopesCents().get(a);
            scopes.put(Integer.toString(a), result.apply(a, envelope == null ? 0 : envelope));
        }
        return scopes;
    }
}
