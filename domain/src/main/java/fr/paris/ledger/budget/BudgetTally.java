package fr.paris.ledger.budget;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The tally of a participatory budget vote, from the campaign's rules, its projects and its ballots.
 *
 * <ol>
 * <li>One ballot per voter: the voter's last online ballot; a voter without one is counted on their
 * first paper ballot of a confirmed batch (in the order entered). Paper ballots of a voter whose online ballot (or an
 * earlier paper ballot) is counted are set aside, and counted as set aside.</li>
 * <li>Votes per project on the ballot, per scope.</li>
 * <li>Rank per scope: more votes first; ties: lower cost first, then earlier submission (then the
 * project id, so that the order is total).</li>
 * <li>Walking down the ranking, a project wins if its cost fits in what is left of the scope's
 * envelope; one that does not fit is skipped and the walk goes on.</li>
 * </ol>
 *
 * <p>Feed every paper ballot of the confirmed batches first ({@link #paper}), never a voided,
 * spoiled or set-aside one, then each voter's last online ballot
 * ({@link #online}), in any order; memory grows with projects and paper ballots, not with online
 * ballots. The same input always gives the same {@link BudgetResults}.
 */
public final class BudgetTally implements BallotCounter {
    private static final String NO_ARRONDISSEMENT = "none";

    private final CampaignYear year;
    private final CampaignRules rules;
    private final Map<ProjectId, ProjectFacts> onBallot = new HashMap<>();
    private final Map<ProjectId, Long> votes = new HashMap<>();
    private final Map<String, PaperBallotEntered> firstPaperByVoter = new LinkedHashMap<>();
    private final Map<String, Long> byArrondissement = new HashMap<>();
    private long online;
    private long paperSetAside;
    private boolean paperClosed;
    private final java.time.Instant votingClosedAt;

    /**
     * @param votingClosedAt ballots cast or entered after this moment are not counted (null: not closed yet)
     */
    public BudgetTally(CampaignYear year, CampaignRules rules, java.time.Instant votingClosedAt, Iterable<ProjectFacts> projects) {
        this.year = year;
        this.votingClosedAt = votingClosedAt;
        this.rules = Objects.requireNonNull(rules);
        for (ProjectFacts p : projects) {
            if (p.onTheBallot()) {
                onBallot.put(p.id(), p);
                votes.put(p.id(), 0L);
            }
        }
    }

    /**
     * A paper ballot of a confirmed batch, in the order they were entered. It is not compared with the
     * close of voting: the campaign cannot leave VOTING while a batch is open, so every batch that
     * counts was confirmed before the close (and an instant read on another node's clock could say
     * otherwise).
     */
    @Override
    public void paper(PaperBallotEntered ballot) {
        if (paperClosed) {
            throw new IllegalStateException("paper ballots come before online ballots");
        }
        if (firstPaperByVoter.putIfAbsent(ballot.voter().value(), ballot) != null) {
            paperSetAside++;
        }
    }

    /** A voter's last online ballot cast before voting closed (see {@link #lastInTime}). */
    @Override
    public void online(BallotCast ballot) {
        paperClosed = true;
        if (late(ballot.castAt())) {
            return;
        }
        if (firstPaperByVoter.remove(ballot.voter().value()) != null) {
            paperSetAside++;
        }
        online++;
        count(ballot.parisWide(), ballot.arrondissement(), ballot.arrondissementProjects());
    }

    private boolean late(java.time.Instant at) {
        return votingClosedAt != null && at.isAfter(votingClosedAt);
    }

    /**
     * Of one voter's online ballots in their recorded order, the one that counts: the last cast
     * no later than the close of voting, or null.
     */
    public static BallotCast lastInTime(List<BallotCast> ballots, java.time.Instant votingClosedAt) {
        BallotCast counted = null;
        for (BallotCast b : ballots) {
            if (votingClosedAt == null || !b.castAt().isAfter(votingClosedAt)) {
                counted = b;
            }
        }
        return counted;
    }

    public BudgetResults finish() {
        paperClosed = true;
        for (PaperBallotEntered p : firstPaperByVoter.values()) {
            count(p.parisWide(), p.arrondissement(), p.arrondissementProjects());
        }
        long paper = firstPaperByVoter.size();
        Map<String, Long> channels = new LinkedHashMap<>();
        channels.put("ONLINE", online);
        channels.put("PAPER", paper);

        Map<String, Long> arrondissements = new LinkedHashMap<>();
        for (int i = 1; i <= 20; i++) {
            arrondissements.put(Integer.toString(i), byArrondissement.getOrDefault(Integer.toString(i), 0L));
        }
        arrondissements.put(NO_ARRONDISSEMENT, byArrondissement.getOrDefault(NO_ARRONDISSEMENT, 0L));

        Map<String, BudgetResults.ScopeResult> scopes = new LinkedHashMap<>();
        rules.envelopes().forEach((scope, envelope) -> scopes.put(scope.value(), rank(scope, envelope)));
        return new BudgetResults(year, online + paper, paperSetAside, channels, arrondissements, scopes);
    }

    private void count(List<ProjectId> parisWide, Integer arrondissement, List<ProjectId> arrondissementProjects) {
        for (ProjectId p : parisWide) {
            votes.computeIfPresent(p, (k, v) -> v + 1);
        }
        for (ProjectId p : arrondissementProjects) {
            votes.computeIfPresent(p, (k, v) -> v + 1);
        }
        String where = arrondissement == null || arrondissementProjects.isEmpty() ? NO_ARRONDISSEMENT : arrondissement.toString();
        byArrondissement.merge(where, 1L, Long::sum);
    }

    private BudgetResults.ScopeResult rank(Scope scope, long envelope) {
        List<ProjectFacts> ranked = new ArrayList<>();
        for (ProjectFacts p : onBallot.values()) {
            if (p.scope().equals(scope)) {
                ranked.add(p);
            }
        }
        ranked.sort(Comparator.<ProjectFacts>comparingLong(p -> -votes.get(p.id()))
                .thenComparingLong(ProjectFacts::costCents)
                .thenComparing(ProjectFacts::submittedAt)
                .thenComparing(p -> p.id().value()));
        long left = envelope;
        List<BudgetResults.ProjectResult> results = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            ProjectFacts p = ranked.get(i);
            boolean wins = p.costCents() <= left;
            if (wins) {
                left -= p.costCents();
            }
            results.add(new BudgetResults.ProjectResult(p.id(), votes.get(p.id()), i + 1, p.costCents(), wins));
        }
        return new BudgetResults.ScopeResult(envelope, envelope - left, List.copyOf(results));
    }
}
