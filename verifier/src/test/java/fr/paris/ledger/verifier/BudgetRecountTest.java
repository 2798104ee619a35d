package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.BudgetTally;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignResultsPublished;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectFacts;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.ProjectStudied;
import fr.paris.ledger.budget.ProjectSubmitted;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.budget.Verdict;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.shared.PostalCode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code recount} on a hand-built budget campaign: projects (one not feasible), online ballots
 * (a voter who changed their ballot, ballots cast after the close), paper ballots (a voter's second
 * paper ballot, a paper ballot of an online voter, and a late commit that makes leaf order differ
 * from global order), and the results the service would record.
 */
class BudgetRecountTest {
    static final int YEAR = 2026;
    static final String CAMPAIGN = "budget-campaign:" + YEAR;
    static final ParticipantId ADMIN = new ParticipantId("admin-1");
    static final ParticipantId AGENT = new ParticipantId("agent-1");
    static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    static final Instant CLOSE = Instant.parse("2026-05-01T00:00:00Z");
    static final ProjectId P1 = new ProjectId("bp2026-aaaaaaaaa1");
    static final ProjectId P2 = new ProjectId("bp2026-aaaaaaaaa2");
    static final ProjectId P3 = new ProjectId("bp2026-aaaaaaaaa3");
    static final ProjectId P4 = new ProjectId("bp2026-aaaaaaaaa4");
    static final ProjectId A1 = new ProjectId("bp2026-bbbbbbbbb1");

    @TempDir
    Path dir;

    static CampaignRules rules() {
        TreeMap<Integer, Long> arr = new TreeMap<>();
        for (int i = 1; i <= 20; i++) {
            arr.put(i, 50_000L);
        }
        return new CampaignRules(100_000L, arr, 3, 3);
    }

    static final List<ProjectFacts> PROJECTS = new ArrayList<>();

    static ProjectSubmitted submitted(ProjectId id, Scope scope, long cost, int minutes) {
        return new ProjectSubmitted(id, YEAR, new ParticipantId("author-" + id.value()), new PostalCode("75011"), "Project " + id.value(),
                "A project", scope, cost, null, T0.plusSeconds(60L * minutes));
    }

    static BallotCast online(String voter, List<ProjectId> paris, Integer arr, List<ProjectId> arrProjects, Instant at) {
        return new BallotCast(YEAR, new ParticipantId(voter), new PostalCode("75011"), paris, arrProjects.isEmpty() ? null : arr,
                arrProjects, at);
    }

    static PaperBallotEntered paper(String number, String voter, List<ProjectId> paris, Instant at) {
        return new PaperBallotEntered(YEAR, number, new ParticipantId(voter), paris, null, List.of(), AGENT, at);
    }

    /** The campaign's events; the results event carries {@code results}, its JSON changed by {@code edit}. */
    static EventLog campaign(UnaryOperator<ObjectNode> edit, boolean serviceResults) {
        EventLog log = new EventLog();
        log.add(CAMPAIGN, new CampaignCreated(YEAR, rules(), ADMIN, T0));
        log.add(CAMPAIGN, new CampaignPhaseChanged(YEAR, Phase.PROPOSALS, Phase.FEASIBILITY, ADMIN, T0.plusSeconds(86_400)));
        Object[][] projects = {{P1, Scope.PARIS, 60_000L, 1}, {P2, Scope.PARIS, 50_000L, 2}, {P3, Scope.PARIS, 30_000L, 3},
                {P4, Scope.PARIS, 10_000L, 4}, {A1, Scope.arrondissement(11), 40_000L, 5}};
        for (Object[] p : projects) {
            ProjectSubmitted s = submitted((ProjectId) p[0], (Scope) p[1], (Long) p[2], (Integer) p[3]);
            log.add(s.projectId().toString(), s);
        }
        for (Object[] p : projects) {
            ProjectId id = (ProjectId) p[0];
            boolean feasible = !id.equals(P4);
            log.add(id.toString(), new ProjectStudied(id, feasible ? Verdict.FEASIBLE : Verdict.NOT_FEASIBLE,
                    feasible ? (Long) p[2] : null, feasible ? null : "no", null, AGENT, T0.plusSeconds(2 * 86_400)));
        }
        log.add(CAMPAIGN, new CampaignPhaseChanged(YEAR, Phase.FEASIBILITY, Phase.VOTING, ADMIN, T0.plusSeconds(3 * 86_400)));
        Instant v = T0.plusSeconds(4 * 86_400);
        List<BallotCast> onlineBallots = List.of(
                online("v1", List.of(P1, P2), 11, List.of(), v),
                online("v2", List.of(P2), 11, List.of(A1), v.plusSeconds(10)),
                online("v1", List.of(P1, P3), 11, List.of(), v.plusSeconds(20)), // replaces v1's first
                online("v4", List.of(P3), 11, List.of(), v.plusSeconds(30)));
        for (BallotCast b : onlineBallots) {
            log.add("budget-ballot:" + YEAR + ":" + b.voter().value(), b);
        }
        // v5's two paper ballots: number 2 was entered first (global index g) but committed late, so it is sealed after number 3
        long g = log.nextGlobal();
        PaperBallotEntered first = paper("2", "v5", List.of(P2), v.plusSeconds(40));
        PaperBallotEntered second = paper("3", "v5", List.of(P3), v.plusSeconds(41));
        PaperBallotEntered ofOnlineVoter = paper("4", "v4", List.of(P1), v.plusSeconds(42));
        log.add("budget-paper-ballot:" + YEAR + ":3", second, g + 1);
        log.add("budget-paper-ballot:" + YEAR + ":2", first, g);
        log.add("budget-paper-ballot:" + YEAR + ":4", ofOnlineVoter);
        log.add(CAMPAIGN, new CampaignPhaseChanged(YEAR, Phase.VOTING, Phase.RESULTS, ADMIN, CLOSE));
        // cast after the close (the ballot aggregate had not seen the phase change yet): not counted
        BallotCast lateV1 = online("v1", List.of(P2), 11, List.of(), CLOSE.plusMillis(5));
        BallotCast lateV3 = online("v3", List.of(P1), 11, List.of(), CLOSE.plusMillis(6));
        log.add("budget-ballot:" + YEAR + ":v1", lateV1);
        log.add("budget-ballot:" + YEAR + ":v3", lateV3);

        BudgetResults results;
        if (serviceResults) {
            // as the service tallies: paper ballots in global index order, then each voter's last ballot in time
            CampaignFacts facts = CampaignFacts.apply(null, new CampaignCreated(YEAR, rules(), ADMIN, T0));
            facts = CampaignFacts.apply(facts, new CampaignPhaseChanged(YEAR, Phase.VOTING, Phase.RESULTS, ADMIN, CLOSE));
            List<ProjectFacts> pf = new ArrayList<>();
            for (Object[] p : projects) {
                ProjectId id = (ProjectId) p[0];
                ProjectFacts f = ProjectFacts.apply(null, submitted(id, (Scope) p[1], (Long) p[2], (Integer) p[3]));
                pf.add(ProjectFacts.apply(f, new ProjectStudied(id, id.equals(P4) ? Verdict.NOT_FEASIBLE : Verdict.FEASIBLE,
                        id.equals(P4) ? null : (Long) p[2], null, null, AGENT, T0)));
            }
            BudgetTally tally = new BudgetTally(YEAR, facts.rules(), facts.votingClosedAt(), pf);
            tally.paper(first);
            tally.paper(second);
            tally.paper(ofOnlineVoter);
            tally.online(onlineBallots.get(1));
            tally.online(onlineBallots.get(2));
            tally.online(onlineBallots.get(3));
            results = tally.finish();
        } else {
            results = new BudgetResults(YEAR, 0, 0, java.util.Map.of(), java.util.Map.of(), java.util.Map.of());
        }
        log.add(CAMPAIGN, new CampaignResultsPublished(YEAR, results, CLOSE.plusSeconds(2)), log.nextGlobal(), edit);
        return log;
    }

    @Test
    void recordedResultsThatMatchTheBallotsPass() throws Exception {
        EventLog.Result r = campaign(UnaryOperator.identity(), true).recount(dir);
        assertThat(r.status()).as(r.out()).isZero();
        // v1 (second ballot), v2, v4 online; v5 on paper number 2; v5's number 3 and v4's paper ballot set aside
        assertThat(r.out()).contains("OK   budget 2026: recorded 4 ballots, recounted 4, results equal")
                .contains("OK: 0 decided petitions, 1 budget campaigns, 0 draws, 0 councils' seats recounted");
    }

    @Test
    void theServiceCountsTheFirstPaperBallotInGlobalOrder() {
        BudgetResults r = campaign(UnaryOperator.identity(), true).lines.stream()
                .filter(l -> l.contains("CampaignResultsPublished"))
                .map(l -> readResults(l)).findFirst().orElseThrow();
        assertThat(r.paperBallotsSetAside()).isEqualTo(2);
        BudgetResults.ScopeResult paris = r.scopes().get("PARIS");
        // P3: v1 and v4; P2: v2 online and v5's paper number 2 (entered first, sealed second); tie: lower cost first.
        // Fed in leaf order, v5's number 3 would count instead: P3 3 votes, P2 1.
        assertThat(paris.projects()).extracting(p -> p.projectId().value() + "=" + p.votes())
                .containsExactly("bp2026-aaaaaaaaa3=2", "bp2026-aaaaaaaaa2=2", "bp2026-aaaaaaaaa1=1");
    }

    static BudgetResults readResults(String line) {
        try {
            return ExportEvents.payloadMapper().treeToValue(EventLog.MAPPER.readTree(line).get("payload"),
                    CampaignResultsPublished.class).results();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void alteredVotesAreCaughtAndNamed() throws Exception {
        EventLog.Result r = campaign(p -> {
            ObjectNode first = (ObjectNode) p.path("results").path("scopes").path("PARIS").path("projects").get(0);
            first.put("votes", first.get("votes").asLong() + 1);
            return p;
        }, true).recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF budget 2026: recorded 4 ballots, recounted 4, results DIFFER (first difference: "
                + "scopes.PARIS.projects[0] bp2026-aaaaaaaaa3 votes: recorded 3, recounted 2)")
                .contains("FAIL: 0 decided petitions, 1 budget campaigns, 0 draws, 0 councils' seats recounted; 1 differ");
    }

    @Test
    void anAlteredBallotCountIsCaught() throws Exception {
        EventLog.Result r = campaign(p -> {
            ((ObjectNode) p.path("results")).put("ballots", 5);
            return p;
        }, true).recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF budget 2026: recorded 5 ballots, recounted 4, results DIFFER (first difference: "
                + "ballots: recorded 5, recounted 4)");
    }
}
