package fr.paris.ledger.budget;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** An in-memory directory for fixture tests. */
final class FakeBudgetDirectory implements BudgetDirectory {
    final Map<CampaignYear, CampaignFacts> campaigns = new HashMap<>();
    final Map<ProjectId, ProjectFacts> projects = new LinkedHashMap<>();
    final Set<String> closedBatches = new TreeSet<>();

    static CampaignRules rules(long paris, long eachArrondissement, int maxParis, int maxArrondissement) {
        TreeMap<Integer, Long> envelopes = new TreeMap<>();
        for (int i = 1; i <= 20; i++) {
            envelopes.put(i, eachArrondissement);
        }
        return new CampaignRules(paris, envelopes, maxParis, maxArrondissement);
    }

    void campaign(int year, Phase phase, Set<ProjectId> winners) {
        put(new CampaignFacts(new CampaignYear(year), phase, rules(1_000_000, 100_000, 2, 2), null, false, winners));
    }

    /** A campaign voted by majority judgment (its choice limits are left as for approval: they do not apply). */
    void majorityJudgmentCampaign(int year, Phase phase) {
        CampaignRules approval = rules(1_000_000, 100_000, 2, 2);
        put(new CampaignFacts(new CampaignYear(year), phase, new CampaignRules(approval.parisWideEnvelopeCents(),
                approval.arrondissementEnvelopesCents(), 2, 2, BallotMethod.MAJORITY_JUDGMENT), null, false, Set.of()));
    }

    /** Records a batch's opening in the campaign's facts, as the campaign's event would. */
    void batch(PaperBatchOpened opened) {
        put(CampaignFacts.apply(campaigns.get(opened.year()), opened));
    }

    void put(CampaignFacts facts) {
        campaigns.put(facts.year(), facts);
    }

    void project(ProjectFacts facts) {
        projects.put(facts.id(), facts);
    }

    @Override
    public Optional<CampaignFacts> campaign(CampaignYear year) {
        return Optional.ofNullable(campaigns.get(year));
    }

    @Override
    public Optional<ProjectFacts> project(ProjectId id) {
        return Optional.ofNullable(projects.get(id));
    }

    @Override
    public Set<String> closedPaperBatches(CampaignYear year) {
        return Set.copyOf(closedBatches);
    }

    @Override
    public Collection<ProjectFacts> projects(CampaignYear year) {
        List<ProjectFacts> all = new ArrayList<>();
        for (ProjectFacts p : projects.values()) {
            if (p.year().equals(year)) {
                all.add(p);
            }
        }
        return all;
    }
}
