package fr.paris.ledger.budget;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A campaign's fixed rules: the envelopes (integer cents) and the ballot limits. Set at creation,
 * never changed: there is no command that changes them.
 *
 * @param arrondissementEnvelopesCents keyed by arrondissement number, 1 to 20, each present
 */
public record CampaignRules(long parisWideEnvelopeCents, SortedMap<Integer, Long> arrondissementEnvelopesCents,
                            int maxParisWideChoices, int maxArrondissementChoices) {

    public CampaignRules {
        arrondissementEnvelopesCents = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(arrondissementEnvelopesCents));
    }

    public long envelopeOf(Scope scope) {
        return scope.isParisWide() ? parisWideEnvelopeCents : arrondissementEnvelopesCents.get(Integer.parseInt(scope.value()));
    }

    /** Every scope with its envelope, PARIS first. */
    public SortedMap<Scope, Long> envelopes() {
        SortedMap<Scope, Long> all = new TreeMap<>();
        all.put(Scope.PARIS, parisWideEnvelopeCents);
        for (Map.Entry<Integer, Long> e : arrondissementEnvelopesCents.entrySet()) {
            all.put(Scope.arrondissement(e.getKey()), e.getValue());
        }
        return all;
    }
}
