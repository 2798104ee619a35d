package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignResultsPublished;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBatchConfirmed;
import fr.paris.ledger.budget.PaperBatchOpened;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.ProjectStudied;
import fr.paris.ledger.budget.ProjectSubmitted;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.budget.Verdict;
import fr.paris.ledger.shared.ParticipantId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier's own approval count against expectations written by hand: the example of api.md
 * ({@code GET /budget/campaigns/{year}/results}: alice, bob, carol and paul, and the results JSON the page shows), and
 * a walk down an envelope that skips a project that does not fit, with every tie-break of the ranking.
 */
class ApprovalRecountTest {
    static final int YEAR = 2027;
    static final Instant T0 = Instant.parse("2027-01-10T09:00:00Z");
    static final Instant CLOSE = Instant.parse("2027-05-31T22:00:00Z");
    static final ProjectId SKATE_PARK = new ProjectId("bp2027-aj0etmv0t1");
    static final ProjectId BIKE_LANES = new ProjectId("bp2027-w4b4tmxsq3");
    static final ProjectId LIBRARY_GARDEN = new ProjectId("bp2027-sknxdey9rh");
    static final ProjectId SHADE_TREES = new ProjectId("bp2027-rzjh0ew1qd");

    @TempDir
    Path dir;

    /** api.md's example: 30,000,000.00 EUR Paris-wide, 150,000.00 EUR in the 11th, 100,000.00 EUR elsewhere. */
    static CampaignRules rules() {
        TreeMap<Integer, Long> arr = new TreeMap<>();
        for (int i = 1; i <= 20; i++) {
            arr.put(i, i == 11 ? 15_000_000L : 10_000_000L);
        }
        return new CampaignRules(3_000_000_000L, arr, 4, 4);
    }

    static ProjectSubmitted submitted(ProjectId id, Scope scope, long cost, int minutes) {
        return new ProjectSubmitted(id, new CampaignYear(YEAR), EventLog.citizen("budget-author:" + id.value()), "Project", "A project", scope, cost,
                null, T0.plusSeconds(60L * minutes));
    }

    static ParticipantId voter(String name) {
        return EventLog.citizen("budget:" + YEAR + ":" + name);
    }

    /** The results JSON api.md shows for its example, as the page has it. */
    static BudgetResults documentedResults() throws Exception {
        Path api = Path.of(System.getProperty("basedir", ""), "..", "docs", "api.md");
        String json = Files.readAllLines(api, StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("{\"year\":2027,\"ballots\":4,\"paperBallotsSetAside\":2,")).findFirst().orElseThrow();
        return ExportEvents.payloadMapper().readValue(json, BudgetResults.class);
    }

    @Test
    void apiMdsExampleIsRecountedFromItsEvents() throws Exception {
        String campaign = "budget-campaign:" + YEAR;
        ParticipantId admin = EventLog.staff("admin");
        ParticipantId agent = EventLog.staff("agent");
        EventLog log = new EventLog();
        log.add(campaign, new CampaignCreated(new CampaignYear(YEAR), rules(), admin, T0));
        Object[][] projects = {{SKATE_PARK, Scope.PARIS, 90_000_000L}, {BIKE_LANES, Scope.PARIS, 2_500_000_000L},
                {LIBRARY_GARDEN, Scope.arrondissement(11), 4_000_000L}, {SHADE_TREES, Scope.arrondissement(11), 13_000_000L}};
        for (int i = 0; i < projects.length; i++) {
            ProjectId id = (ProjectId) projects[i][0];
            log.add(id.toString(), submitted(id, (Scope) projects[i][1], (Long) projects[i][2], i));
            log.add(id.toString(), new ProjectStudied(id, Verdict.FEASIBLE, (Long) projects[i][2], null, null, agent,
                    T0.plusSeconds(86_400)));
        }
        Instant voting = T0.plusSeconds(10 * 86_400);
        log.add(campaign, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.FEASIBILITY, Phase.VOTING, admin, voting));
        log.add("budget-ballot:" + YEAR + ":" + voter("alice").value(), new BallotCast(new CampaignYear(YEAR), voter("alice"), List.of(BIKE_LANES),
                null, List.of(), voting.plusSeconds(1)));
        log.add("budget-ballot:" + YEAR + ":" + voter("alice").value(), new BallotCast(new CampaignYear(YEAR), voter("alice"),
                List.of(SKATE_PARK, BIKE_LANES), 11, List.of(SHADE_TREES), voting.plusSeconds(2)));
        log.add("budget-ballot:" + YEAR + ":" + voter("bob").value(), new BallotCast(new CampaignYear(YEAR), voter("bob"), List.of(SKATE_PARK),
                null, List.of(), voting.plusSeconds(3)));
        log.add("budget-ballot:" + YEAR + ":" + voter("carol").value(), new BallotCast(new CampaignYear(YEAR), voter("carol"), List.of(BIKE_LANES),
                11, List.of(LIBRARY_GARDEN), voting.plusSeconds(4)));
        String batch = "budget-paper-batch:" + YEAR + ":m11-b03";
        log.add(campaign, new PaperBatchOpened(new CampaignYear(YEAR), "m11-b03", "mairie-11-bureau-3", 3, agent, voting));
        log.add(batch, new PaperBallotEntered(new CampaignYear(YEAR), "m11-b03", new BallotNumber("M11-000123"), voter("paul"), List.of(SKATE_PARK), 11,
                List.of(LIBRARY_GARDEN), agent, voting.plusSeconds(5)));
        log.add(batch, new PaperBallotEntered(new CampaignYear(YEAR), "m11-b03", new BallotNumber("M11-000124"), voter("paul"), List.of(BIKE_LANES), null, List.of(),
                agent, voting.plusSeconds(6)));
        log.add(batch, new PaperBallotEntered(new CampaignYear(YEAR), "m11-b03", new BallotNumber("M11-000125"), voter("alice"), List.of(BIKE_LANES), null, List.of(),
                agent, voting.plusSeconds(7)));
        log.add(batch, new PaperBatchConfirmed(new CampaignYear(YEAR), "m11-b03", 3, 0, EventLog.staff("countersigner"), voting.plusSeconds(8)));
        log.add(campaign, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.VOTING, Phase.RESULTS, admin, CLOSE));
        log.add(campaign, new CampaignResultsPublished(new CampaignYear(YEAR), documentedResults(), CLOSE.plusSeconds(2)));

        EventLog.Result r = log.recount(dir);
        assertThat(r.status()).as(r.out()).isZero();
        assertThat(r.out()).contains("OK   budget 2027: recorded 4 ballots, recounted 4, results equal; "
                + "paper batches: 1 confirmed, 0 abandoned, 0 open");
    }

    static BudgetRecount.Project project(ProjectId id, String scope, long cost, int minutes) {
        return new BudgetRecount.Project(id, scope, true, cost, T0.plusSeconds(60L * minutes));
    }

    @Test
    void theWalkSkipsAProjectThatDoesNotFitAndTiesGoToCostThenSubmissionThenId() {
        // Paris-wide envelope 100: by hand, votes 3 (A, 60), then the 2s: D (30) before B and C (40, 40), B submitted
        // before C; E (1 vote, 10). A wins (40 left), D wins (10 left), B and C do not fit, E does (0 left).
        ProjectId a = new ProjectId("bp2027-aaaaaaaaaa");
        ProjectId b = new ProjectId("bp2027-bbbbbbbbbb");
        ProjectId c = new ProjectId("bp2027-cccccccccc");
        ProjectId d = new ProjectId("bp2027-dddddddddd");
        ProjectId e = new ProjectId("bp2027-eeeeeeeeee");
        ProjectId notFeasible = new ProjectId("bp2027-ffffffffff");
        TreeMap<Integer, Long> arr = new TreeMap<>();
        for (int i = 1; i <= 20; i++) {
            arr.put(i, 0L);
        }
        ApprovalRecount count = new ApprovalRecount(YEAR, new CampaignRules(100L, arr, 4, 4), List.of(project(a, "PARIS", 60, 5),
                project(b, "PARIS", 40, 1), project(c, "PARIS", 40, 2), project(d, "PARIS", 30, 9), project(e, "PARIS", 10, 0),
                new BudgetRecount.Project(notFeasible, "PARIS", false, 1, T0)));
        count.online(List.of(a, b, d), null, List.of());
        count.online(List.of(a, c, notFeasible), null, List.of());
        count.paper(List.of(a, b, c, d, e), null, List.of());
        count.paperSetAside();
        BudgetResults results = count.results();
        assertThat(results.ballots()).isEqualTo(3);
        assertThat(results.paperBallotsSetAside()).isEqualTo(1);
        assertThat(results.ballotsByChannel()).containsEntry("ONLINE", 2L).containsEntry("PAPER", 1L);
        assertThat(results.ballotsByArrondissement()).containsEntry("none", 3L);
        BudgetResults.ScopeResult paris = results.scopes().get("PARIS");
        assertThat(paris.projects()).extracting(p -> p.projectId().value().substring(7) + " " + p.votes() + " " + p.rank() + " "
                + p.winner()).containsExactly("aaaaaaaaaa 3 1 true", "dddddddddd 2 2 true", "bbbbbbbbbb 2 3 false",
                "cccccccccc 2 4 false", "eeeeeeeeee 1 5 true");
        assertThat(paris.usedCents()).isEqualTo(100);
        assertThat(results.scopes()).hasSize(21);
    }
}
