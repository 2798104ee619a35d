package fr.paris.ledger.budget;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A campaign's fixed rules: the envelopes (integer cents), the ballot limits and the ballot method.
 * Set at creation, never changed: there is no command that changes them.
 *
 * @param arrondissementEnvelopesCents keyed by arrondissement number, 1 to 20, each present
 * @param maxParisWideChoices          approval ballots only: how many Paris-wide projects a ballot chooses at most
 * @param maxArrondissementChoices     approval ballots only: how many projects of one arrondissement at most
 * @param ballotMethod                 {@link BallotMethod#APPROVAL} when absent (a campaign created before the
 *                                     method existed was an approval one)
 */
public record CampaignRules(long parisWideEnvelopeCents, SortedMap<Integer, Long> arrondissementEnvelopesCents,
                            int maxParisWideChoices, int maxArrondissementChoices, BallotMethod ballotMethod) {

    public CampaignRules {
        arrondissementEnvelopesCents = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(arrondissementEnvelopesCents));
        ballotMethod = ballotMethod == null ? BallotMethod.APPROVAL : ballotMethod;
    }

    /** The rules of an approval campaign. */
    public CampaignRules(long parisWideEnvelopeCents, SortedMap<Integer, Long> arrondissementEnvelopesCents,
                         int maxParisWideChoices, int maxArrondissementChoices) {
        this(parisWideEnvelopeCents, arrondissementEnvelopesCents, maxParisWideChoices, maxArrondissementChoices,
                BallotMethod.APPROVAL);
    }

    public boolean majorityJudgment() {
        return ballotMethod == BallotMethod.MAJORITY_JUDGMENT;
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
