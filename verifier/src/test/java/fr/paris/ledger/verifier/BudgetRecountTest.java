package fr.paris.ledger.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.BallotWithdrawn;
import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.BudgetTally;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignResultsPublished;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBallotSetAside;
import fr.paris.ledger.budget.PaperBallotVoided;
import fr.paris.ledger.budget.PaperBatchAbandoned;
import fr.paris.ledger.budget.PaperBatchConfirmed;
import fr.paris.ledger.budget.PaperBatchOpened;
import fr.paris.ledger.budget.SpoiledPaperRecorded;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectFacts;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.ProjectStudied;
import fr.paris.ledger.budget.ProjectSubmitted;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.budget.Verdict;
import fr.paris.ledger.shared.ParticipantId;
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
 * from global order), and the results the service would record. Then campaigns with withdrawn
 * online ballots and paper ballots set aside, counted as the service's BudgetAudit counts them.
 */
class BudgetRecountTest {
    static final int YEAR = 2026;
    static final String CAMPAIGN = "budget-campaign:" + YEAR;
    static final ParticipantId ADMIN = EventLog.staff("admin-1");
    static final ParticipantId AGENT = EventLog.staff("agent-1");
    /** The agent who countersigns the batches AGENT enters. */
    static final ParticipantId COUNTERSIGNER = EventLog.staff("agent-2");
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
        return new ProjectSubmitted(id, new CampaignYear(YEAR), EventLog.citizen("budget-author:" + YEAR + ":" + id.value()), "Project " + id.value(),
                "A project", scope, cost, null, T0.plusSeconds(60L * minutes));
    }

    /** A voter's reference in the scope {@code budget:<year>}, shared by their online and paper ballots. */
    static ParticipantId voter(String name) {
        return EventLog.citizen("budget:" + YEAR + ":" + name);
    }

    static BallotCast online(String voter, List<ProjectId> paris, Integer arr, List<ProjectId> arrProjects, Instant at) {
        return new BallotCast(new CampaignYear(YEAR), voter(voter), paris, arrProjects.isEmpty() ? null : arr, arrProjects, at);
    }

    /** A paper ballot of batch {@code b1}. */
    static PaperBallotEntered paper(String number, String voter, List<ProjectId> paris, Instant at) {
        return paper("b1", number, voter, paris, at);
    }

    static PaperBallotEntered paper(String batchId, String number, String voter, List<ProjectId> paris, Instant at) {
        return new PaperBallotEntered(new CampaignYear(YEAR), batchId, new BallotNumber(number), voter(voter), paris, null, List.of(), AGENT, at);
    }

    static String batchOf(String batchId) {
        return "budget-paper-batch:" + YEAR + ":" + batchId;
    }

    /** Opens a batch of {@code declared} papers (entered by AGENT), as the campaign records it. */
    static void open(EventLog log, String batchId, int declared) {
        log.add(CAMPAIGN, new PaperBatchOpened(new CampaignYear(YEAR), batchId, "urn-" + batchId, declared, AGENT, VOTING));
    }

    /** Confirms a batch of {@code ballots} ballots and {@code spoiled} spoiled papers, by {@code by}. */
    static void confirm(EventLog log, String batchId, int ballots, int spoiled, ParticipantId by) {
        log.add(batchOf(batchId), new PaperBatchConfirmed(new CampaignYear(YEAR), batchId, ballots, spoiled, by, VOTING.plusSeconds(3_600)));
    }

    /** A batch of exactly these ballots, opened, entered by AGENT and confirmed by the countersigner. */
    static void confirmedBatch(EventLog log, String batchId, PaperBallotEntered... ballots) {
        open(log, batchId, ballots.length);
        for (PaperBallotEntered b : ballots) {
            log.add(batchOf(batchId), b);
        }
        confirm(log, batchId, ballots.length, 0, COUNTERSIGNER);
    }

    static final Object[][] PROJECT_ROWS = {{P1, Scope.PARIS, 60_000L, 1}, {P2, Scope.PARIS, 50_000L, 2},
            {P3, Scope.PARIS, 30_000L, 3}, {P4, Scope.PARIS, 10_000L, 4}, {A1, Scope.arrondissement(11), 40_000L, 5}};

    /** When voting opens. */
    static final Instant VOTING = T0.plusSeconds(4 * 86_400);

    /** The campaign up to its vote: created, five projects submitted and studied (P4 not feasible), voting open. */
    static EventLog voting() {
        EventLog log = new EventLog();
        log.add(CAMPAIGN, new CampaignCreated(new CampaignYear(YEAR), rules(), ADMIN, T0));
        log.add(CAMPAIGN, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.PROPOSALS, Phase.FEASIBILITY, ADMIN, T0.plusSeconds(86_400)));
        for (Object[] p : PROJECT_ROWS) {
            ProjectSubmitted s = submitted((ProjectId) p[0], (Scope) p[1], (Long) p[2], (Integer) p[3]);
            log.add(s.projectId().toString(), s);
        }
        for (Object[] p : PROJECT_ROWS) {
            ProjectId id = (ProjectId) p[0];
            boolean feasible = !id.equals(P4);
            log.add(id.toString(), new ProjectStudied(id, feasible ? Verdict.FEASIBLE : Verdict.NOT_FEASIBLE,
                    feasible ? (Long) p[2] : null, feasible ? null : "no", null, AGENT, T0.plusSeconds(2 * 86_400)));
        }
        log.add(CAMPAIGN, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.FEASIBILITY, Phase.VOTING, ADMIN, T0.plusSeconds(3 * 86_400)));
        return log;
    }

    /** The results as the service tallies them: paper ballots in the order entered, then each voter's counted online ballot. */
    static BudgetResults serviceTally(List<PaperBallotEntered> paper, List<BallotCast> online) {
        CampaignFacts facts = CampaignFacts.apply(null, new CampaignCreated(new CampaignYear(YEAR), rules(), ADMIN, T0));
        facts = CampaignFacts.apply(facts, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.VOTING, Phase.RESULTS, ADMIN, CLOSE));
        List<ProjectFacts> pf = new ArrayList<>();
        for (Object[] p : PROJECT_ROWS) {
            ProjectId id = (ProjectId) p[0];
            ProjectFacts f = ProjectFacts.apply(null, submitted(id, (Scope) p[1], (Long) p[2], (Integer) p[3]));
            pf.add(ProjectFacts.apply(f, new ProjectStudied(id, id.equals(P4) ? Verdict.NOT_FEASIBLE : Verdict.FEASIBLE,
                    id.equals(P4) ? null : (Long) p[2], null, null, AGENT, T0)));
        }
        BudgetTally tally = new BudgetTally(new CampaignYear(YEAR), facts.rules(), facts.votingClosedAt(), pf);
        paper.forEach(tally::paper);
        online.forEach(tally::online);
        return tally.finish();
    }

    static void close(EventLog log) {
        log.add(CAMPAIGN, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.VOTING, Phase.RESULTS, ADMIN, CLOSE));
    }

    static void publish(EventLog log, BudgetResults results, UnaryOperator<ObjectNode> edit) {
        log.add(CAMPAIGN, new CampaignResultsPublished(new CampaignYear(YEAR), results, CLOSE.plusSeconds(2)), log.nextGlobal(), edit);
    }

    /** The campaign's events; the results event carries {@code results}, its JSON changed by {@code edit}. */
    static EventLog campaign(UnaryOperator<ObjectNode> edit, boolean serviceResults) {
        EventLog log = voting();
        Instant v = VOTING;
        List<BallotCast> onlineBallots = List.of(
                online("v1", List.of(P1, P2), 11, List.of(), v),
                online("v2", List.of(P2), 11, List.of(A1), v.plusSeconds(10)),
                online("v1", List.of(P1, P3), 11, List.of(), v.plusSeconds(20)), // replaces v1's first
                online("v4", List.of(P3), 11, List.of(), v.plusSeconds(30)));
        for (BallotCast b : onlineBallots) {
            log.add("budget-ballot:" + YEAR + ":" + b.voter().value(), b);
        }
        // v5's two paper ballots, in two batches: number 2 was entered first (global index g) but committed
        // late, so it is sealed after number 3
        open(log, "b1", 2);
        open(log, "b2", 1);
        long g = log.nextGlobal();
        PaperBallotEntered first = paper("b1", "2", "v5", List.of(P2), v.plusSeconds(40));
        PaperBallotEntered second = paper("b2", "3", "v5", List.of(P3), v.plusSeconds(41));
        PaperBallotEntered ofOnlineVoter = paper("b1", "4", "v4", List.of(P1), v.plusSeconds(42));
        log.add(batchOf("b2"), second, g + 1);
        log.add(batchOf("b1"), first, g);
        log.add(batchOf("b1"), ofOnlineVoter);
        confirm(log, "b1", 2, 0, COUNTERSIGNER);
        confirm(log, "b2", 1, 0, COUNTERSIGNER);
        close(log);
        // cast after the close (the ballot aggregate had not seen the phase change yet): not counted
        BallotCast lateV1 = online("v1", List.of(P2), 11, List.of(), CLOSE.plusMillis(5));
        BallotCast lateV3 = online("v3", List.of(P1), 11, List.of(), CLOSE.plusMillis(6));
        log.add("budget-ballot:" + YEAR + ":v1", lateV1);
        log.add("budget-ballot:" + YEAR + ":v3", lateV3);

        // as the service tallies: paper ballots in global index order, then each voter's last ballot in time
        publish(log, serviceResults
                ? serviceTally(List.of(first, second, ofOnlineVoter), List.of(onlineBallots.get(1), onlineBallots.get(2), onlineBallots.get(3)))
                : new BudgetResults(new CampaignYear(YEAR), 0, 0, java.util.Map.of(), java.util.Map.of(), java.util.Map.of()), edit);
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

    /** The payload of an export line as the given event record. */
    static <T> T readResultsOf(String line, Class<T> type) {
        try {
            return ExportEvents.payloadMapper().treeToValue(EventLog.MAPPER.readTree(line).get("payload"), type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
    static String ballotOf(String name) {
        return "budget-ballot:" + YEAR + ":" + voter(name).value();
    }

    /** The recorded results of a campaign's export: its last line. */
    static BudgetResults recorded(EventLog log) {
        return readResults(log.lines.get(log.lines.size() - 1));
    }

    /**
     * w1 casts, then withdraws (not counted); w2 casts, withdraws and casts again (the later ballot
     * counts); w3 casts. With {@code countTheWithdrawn}, the results record a tally that counted w1.
     */
    static EventLog withdrawals(boolean countTheWithdrawn) {
        EventLog log = voting();
        BallotCast w1 = online("w1", List.of(P1), 11, List.of(), VOTING);
        BallotCast w2 = online("w2", List.of(P1, P2), 11, List.of(A1), VOTING.plusSeconds(10));
        BallotCast w3 = online("w3", List.of(P2, P3), 11, List.of(), VOTING.plusSeconds(20));
        BallotCast w2Again = online("w2", List.of(P3), 11, List.of(), VOTING.plusSeconds(40));
        log.add(ballotOf("w1"), w1);
        log.add(ballotOf("w2"), w2);
        log.add(ballotOf("w3"), w3);
        log.add(ballotOf("w1"), new BallotWithdrawn(new CampaignYear(YEAR), voter("w1"), VOTING.plusSeconds(30)));
        log.add(ballotOf("w2"), new BallotWithdrawn(new CampaignYear(YEAR), voter("w2"), VOTING.plusSeconds(35)));
        log.add(ballotOf("w2"), w2Again);
        close(log);
        publish(log, serviceTally(List.of(), countTheWithdrawn ? List.of(w1, w2Again, w3) : List.of(w2Again, w3)),
                UnaryOperator.identity());
        return log;
    }

    /** Recounts {@code log}, expecting the exit status {@code status} and the campaign's line {@code line}. */
    void recounts(EventLog log, int status, String line) throws Exception {
        EventLog.Result r = log.recount(dir);
        assertThat(r.status()).as(r.out()).isEqualTo(status);
        assertThat(r.out()).contains(line);
    }

    @Test
    void aWithdrawnOnlineBallotIsNotCountedAndOneCastAfterTheWithdrawalIs() throws Exception {
        EventLog log = withdrawals(false);
        recounts(log, 0, "OK   budget 2026: recorded 2 ballots, recounted 2, results equal; left out: 2 BallotWithdrawn, 0 PaperBallotSetAside");
        // w2's last ballot (P3) and w3's (P2, P3); not w1's (P1), nor w2's first (P1, P2, A1)
        assertThat(recorded(log).scopes().get("PARIS").projects()).extracting(p -> p.projectId().value() + "=" + p.votes())
                .containsExactly("bp2026-aaaaaaaaa3=2", "bp2026-aaaaaaaaa2=1", "bp2026-aaaaaaaaa1=0");
    }

    @Test
    void recordedResultsThatCountAWithdrawnBallotDiffer() throws Exception {
        recounts(withdrawals(true), 1, "DIFF budget 2026: recorded 3 ballots, recounted 2, results DIFFER (first difference: "
                + "ballots: recorded 3, recounted 2); left out: 2 BallotWithdrawn, 0 PaperBallotSetAside");
    }

    /**
     * s1 voted online and on paper (number 7), s2 on paper only (number 8), s3 on paper (number 9);
     * numbers 7 and 8 are set aside (their voters' erasure): s1's online ballot stands alone, s2 is
     * not counted, s3 is. With {@code setAsideCounted}, the results record a tally that was fed them all.
     */
    static EventLog setAside(boolean setAsideCounted) {
        EventLog log = voting();
        BallotCast s1 = online("s1", List.of(P1), 11, List.of(), VOTING);
        PaperBallotEntered seven = paper("7", "s1", List.of(P2), VOTING.plusSeconds(10));
        PaperBallotEntered eight = paper("8", "s2", List.of(P3), VOTING.plusSeconds(11));
        PaperBallotEntered nine = paper("9", "s3", List.of(P2), VOTING.plusSeconds(12));
        log.add(ballotOf("s1"), s1);
        confirmedBatch(log, "b1", seven, eight, nine);
        for (PaperBallotEntered p : List.of(seven, eight)) {
            log.add(batchOf("b1"), new PaperBallotSetAside(new CampaignYear(YEAR), "b1", p.ballotNumber(), p.voter(), VOTING.plusSeconds(7_200)));
        }
        close(log);
        publish(log, serviceTally(setAsideCounted ? List.of(seven, eight, nine) : List.of(nine), List.of(s1)),
                UnaryOperator.identity());
        return log;
    }

    @Test
    void aPaperBallotSetAsideIsNotCountedAndTheVotersOnlineBallotStandsAlone() throws Exception {
        EventLog log = setAside(false);
        recounts(log, 0, "OK   budget 2026: recorded 2 ballots, recounted 2, results equal; left out: 0 BallotWithdrawn, 2 PaperBallotSetAside");
        // s1 online, and not also a paper ballot that the tally sets aside as a second ballot; s3 on paper
        assertThat(recorded(log).paperBallotsSetAside()).isZero();
        assertThat(recorded(log).ballotsByChannel()).containsEntry("ONLINE", 1L).containsEntry("PAPER", 1L);
    }

    @Test
    void recordedResultsThatCountAPaperBallotSetAsideDiffer() throws Exception {
        recounts(setAside(true), 1, "DIFF budget 2026: recorded 3 ballots, recounted 2, results DIFFER (first difference: "
                + "ballots: recorded 3, recounted 2); left out: 0 BallotWithdrawn, 2 PaperBallotSetAside");
    }

    // ---- paper batches: only a batch confirmed by a second agent counts

    /**
     * Four batches: b1 confirmed (k1 counted; k2 voided and k3 entered in its place; a spoiled
     * paper), b2 still open (k4), b3 abandoned (k5), b4 confirmed by the agent who entered it (k6).
     * The results record the tally of the ballots {@code recordedPaper}.
     */
    static EventLog batches(List<String> recordedPaper) {
        EventLog log = voting();
        Instant v = VOTING;
        PaperBallotEntered k1 = paper("b1", "k1", "k1", List.of(P1), v);
        PaperBallotEntered k2 = paper("b1", "k2", "k2", List.of(P2), v.plusSeconds(1));
        PaperBallotEntered k3 = paper("b1", "k3", "k3", List.of(P3), v.plusSeconds(2));
        PaperBallotEntered k4 = paper("b2", "k4", "k4", List.of(P2), v.plusSeconds(3));
        PaperBallotEntered k5 = paper("b3", "k5", "k5", List.of(P2), v.plusSeconds(4));
        PaperBallotEntered k6 = paper("b4", "k6", "k6", List.of(P2), v.plusSeconds(5));
        open(log, "b1", 3);
        log.add(batchOf("b1"), k1);
        log.add(batchOf("b1"), k2);
        log.add(batchOf("b1"), new PaperBallotVoided(new CampaignYear(YEAR), "b1", new BallotNumber("k2"), AGENT, v.plusSeconds(6)));
        log.add(batchOf("b1"), k3);
        log.add(batchOf("b1"), new SpoiledPaperRecorded(new CampaignYear(YEAR), "b1", new BallotNumber("s1"), AGENT, v.plusSeconds(7)));
        confirm(log, "b1", 2, 1, COUNTERSIGNER);
        open(log, "b2", 2);
        log.add(batchOf("b2"), k4);
        open(log, "b3", 1);
        log.add(batchOf("b3"), k5);
        log.add(batchOf("b3"), new PaperBatchAbandoned(new CampaignYear(YEAR), "b3", "the urn's seal was broken", COUNTERSIGNER, v.plusSeconds(8)));
        open(log, "b4", 1);
        log.add(batchOf("b4"), k6);
        confirm(log, "b4", 1, 0, AGENT);
        close(log);
        List<PaperBallotEntered> all = List.of(k1, k2, k3, k4, k5, k6);
        publish(log, serviceTally(all.stream().filter(k -> recordedPaper.contains(k.ballotNumber().value())).toList(), List.of()),
                UnaryOperator.identity());
        return log;
    }

    static final String BATCHES = "; paper batches: 2 confirmed, 1 abandoned, 1 open; rules broken: batch b4 was confirmed "
            + "by the agent who opened it (not counted)";

    @Test
    void onlyTheBallotsOfABatchConfirmedByASecondAgentCountNeverAVoidedOrSpoiledOne() throws Exception {
        EventLog log = batches(List.of("k1", "k3"));
        EventLog.Result r = log.recount(dir);
        // the results equal, but the log shows a batch countersigned by its own agent: a difference all the same
        assertThat(r.status()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("DIFF budget 2026: recorded 2 ballots, recounted 2, results DIFFER (first difference: "
                + "paper batch b4 was confirmed by the agent who opened it (not counted))" + BATCHES);
        assertThat(recorded(log).scopes().get("PARIS").projects()).extracting(p -> p.projectId().value() + "=" + p.votes())
                .containsExactly("bp2026-aaaaaaaaa3=1", "bp2026-aaaaaaaaa1=1", "bp2026-aaaaaaaaa2=0");
    }

    @Test
    void recordedResultsThatCountABallotOfAnOpenBatchDiffer() throws Exception {
        recounts(batches(List.of("k1", "k3", "k4")), 1, "DIFF budget 2026: recorded 3 ballots, recounted 2, results DIFFER "
                + "(first difference: ballots: recorded 3, recounted 2)" + BATCHES);
    }

    @Test
    void recordedResultsThatCountABallotOfAnAbandonedBatchDiffer() throws Exception {
        recounts(batches(List.of("k1", "k3", "k5")), 1, "DIFF budget 2026: recorded 3 ballots, recounted 2, results DIFFER "
                + "(first difference: ballots: recorded 3, recounted 2)" + BATCHES);
    }

    @Test
    void recordedResultsThatCountAVoidedEntryDiffer() throws Exception {
        recounts(batches(List.of("k1", "k2")), 1, "DIFF budget 2026: recorded 2 ballots, recounted 2, results DIFFER "
                + "(first difference: scopes.PARIS.usedCents: recorded 80000, recounted 90000)" + BATCHES);
    }

    @Test
    void recordedResultsThatCountABatchConfirmedByItsOwnAgentDiffer() throws Exception {
        recounts(batches(List.of("k1", "k3", "k6")), 1, "DIFF budget 2026: recorded 3 ballots, recounted 2, results DIFFER "
                + "(first difference: ballots: recorded 3, recounted 2)" + BATCHES);
    }

    @Test
    void aBatchWhoseEntriesDoNotMatchItsDeclaredCountIsNotCounted() throws Exception {
        EventLog log = voting();
        PaperBallotEntered k1 = paper("b1", "k1", "k1", List.of(P1), VOTING);
        open(log, "b1", 2);
        log.add(batchOf("b1"), k1);
        confirm(log, "b1", 1, 0, COUNTERSIGNER);
        close(log);
        publish(log, serviceTally(List.of(k1), List.of()), UnaryOperator.identity());
        recounts(log, 1, "DIFF budget 2026: recorded 1 ballots, recounted 0, results DIFFER (first difference: ballots: "
                + "recorded 1, recounted 0); paper batches: 1 confirmed, 0 abandoned, 0 open; rules broken: batch b1 was "
                + "confirmed with 1 entries for 2 declared (not counted)");
    }
}
