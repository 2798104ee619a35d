package fr.paris.ledger.budget;

import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.shared.ParticipantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The tally on a hand-built case: a tie, a project skipped for its cost, a merged project, paper and online ballots. */
class BudgetTallyTest {
    private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
    private static final Instant CLOSE = Instant.parse("2026-10-15T00:00:00Z");
    private static final ParticipantId AGENT = new ParticipantId("s-g4t7k2m9q3x6w8z5v2b7n4c9hd");

    // Paris-wide envelope 1,000 (cents, to keep the arithmetic readable)
    private static final ProjectId TREES = new ProjectId("bp2026-trees00001");
    private static final ProjectId POOL = new ProjectId("bp2026-bath000001");
    private static final ProjectId BIKES = new ProjectId("bp2026-bkes000001");
    private static final ProjectId BENCHES = new ProjectId("bp2026-benches001");
    private static final ProjectId MERGED = new ProjectId("bp2026-merged0001");
    // 5th arrondissement envelope 100
    private static final ProjectId GARDEN = new ProjectId("bp2026-garden0001");

    private static CampaignRules rules() {
        TreeMap<Integer, Long> envelopes = new TreeMap<>();
        for (int i = 1; i <= 20; i++) {
            envelopes.put(i, i == 5 ? 100L : 0L);
        }
        return new CampaignRules(1_000, envelopes, 4, 4);
    }

    private static List<ProjectFacts> projects() {
        List<ProjectFacts> p = new ArrayList<>();
        p.add(new ProjectFacts(TREES, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 400, T0.plusSeconds(1)));
        p.add(new ProjectFacts(POOL, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 700, T0.plusSeconds(2)));
        p.add(new ProjectFacts(BIKES, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 300, T0.plusSeconds(3)));
        p.add(new ProjectFacts(BENCHES, new CampaignYear(2026), Scope.PARIS, Verdict.FEASIBLE, 300, T0.plusSeconds(4)));
        p.add(new ProjectFacts(MERGED, new CampaignYear(2026), Scope.PARIS, Verdict.MERGED, 50, T0.plusSeconds(5)));
        p.add(new ProjectFacts(GARDEN, new CampaignYear(2026), Scope.arrondissement(5), Verdict.FEASIBLE, 90, T0.plusSeconds(6)));
        return p;
    }

    /** A voter's reference in the scope {@code budget:2026}: the same for their online and paper ballots. */
    private static ParticipantId ref(String voter) {
        return new ParticipantId("r-" + voter);
    }

    private static BallotCast online(String voter, List<ProjectId> paris, Integer arr, List<ProjectId> local, Instant at) {
        return new BallotCast(new CampaignYear(2026), ref(voter), paris, arr, local, at);
    }

    private static PaperBallotEntered paper(String number, String voter, List<ProjectId> paris) {
        return new PaperBallotEntered(new CampaignYear(2026), "urn-5-a", new BallotNumber(number), ref(voter), paris, null, List.of(),
                AGENT, T0.plusSeconds(100));
    }

    private static BudgetResults tally() {
        BudgetTally t = new BudgetTally(new CampaignYear(2026), rules(), CLOSE, projects());
        t.paper(paper("1", "paula", List.of(POOL, TREES)));    // counted: paula votes on paper only
        t.paper(paper("2", "olivia", List.of(POOL)));          // set aside: olivia voted online
        t.paper(paper("3", "paula", List.of(BENCHES)));        // set aside: paula's second paper ballot
        t.online(online("olivia", List.of(POOL, TREES), 5, List.of(GARDEN), T0.plusSeconds(200)));
        t.online(online("oscar", List.of(POOL, BIKES), null, List.of(), T0.plusSeconds(201)));
        t.online(online("omar", List.of(TREES, BENCHES, BIKES), 5, List.of(GARDEN), T0.plusSeconds(202)));
        t.online(online("late", List.of(BENCHES), null, List.of(), CLOSE.plusMillis(1)));  // after the close: not counted
        return t.finish();
    }

    @Test
    void counts_one_ballot_per_voter_and_says_how_many_paper_ballots_were_set_aside() {
        BudgetResults r = tally();
        assertThat(r.ballots()).isEqualTo(4);
        assertThat(r.paperBallotsSetAside()).isEqualTo(2);
        assertThat(r.ballotsByChannel()).containsEntry("ONLINE", 3L).containsEntry("PAPER", 1L);
        assertThat(r.ballotsByArrondissement()).containsEntry("5", 2L).containsEntry("none", 2L).containsEntry("11", 0L);
    }

    @Test
    void ranks_by_votes_breaks_ties_by_cost_then_submission_and_skips_what_does_not_fit() {
        var paris = tally().scopes().get("PARIS");
        // votes: POOL 3 (paula, olivia, oscar), TREES 3 (paula, olivia, omar), BIKES 2, BENCHES 1
        // tie POOL/TREES at 3: TREES is cheaper (400 < 700) so ranks first
        assertThat(paris.projects()).extracting(BudgetResults.ProjectResult::projectId)
                .containsExactly(TREES, POOL, BIKES, BENCHES);
        assertThat(paris.projects()).extracting(BudgetResults.ProjectResult::votes).containsExactly(3L, 3L, 2L, 1L);
        assertThat(paris.projects()).extracting(BudgetResults.ProjectResult::rank).containsExactly(1, 2, 3, 4);
        // 1,000: TREES 400 wins (600 left), POOL 700 does not fit (skipped), BIKES 300 wins (300 left), BENCHES 300 wins
        assertThat(paris.projects()).extracting(BudgetResults.ProjectResult::winner).containsExactly(true, false, true, true);
        assertThat(paris.usedCents()).isEqualTo(1_000);
        assertThat(paris.envelopeCents()).isEqualTo(1_000);
        assertThat(paris.projects()).extracting(BudgetResults.ProjectResult::projectId).doesNotContain(MERGED);
    }

    @Test
    void a_paper_ballot_is_not_judged_against_the_close_its_confirmed_batch_is_what_counts() {
        // an instant of another node's clock: the batch was confirmed before the close, or the close would have waited
        BudgetTally t = new BudgetTally(new CampaignYear(2026), rules(), CLOSE, projects());
        t.paper(new PaperBallotEntered(new CampaignYear(2026), "urn-5-a", new BallotNumber("9"), ref("pierre"), List.of(BIKES), null, List.of(), AGENT,
                CLOSE.plusMillis(3)));
        BudgetResults r = t.finish();
        assertThat(r.ballotsByChannel()).containsEntry("PAPER", 1L);
        assertThat(r.scopes().get("PARIS").projects()).filteredOn(p -> p.projectId().equals(BIKES))
                .extracting(BudgetResults.ProjectResult::votes).containsExactly(1L);
    }

    @Test
    void ties_on_votes_and_cost_go_to_the_earlier_submission() {
        BudgetTally t = new BudgetTally(new CampaignYear(2026), rules(), CLOSE, projects());
        t.online(online("a", List.of(BIKES, BENCHES), null, List.of(), T0.plusSeconds(300)));
        var paris = t.finish().scopes().get("PARIS");
        assertThat(paris.projects()).extracting(BudgetResults.ProjectResult::projectId).startsWith(BIKES, BENCHES);
    }

    @Test
    void each_arrondissement_is_its_own_envelope() {
        var fifth = tally().scopes().get("5");
        assertThat(fifth.envelopeCents()).isEqualTo(100);
        assertThat(fifth.projects()).singleElement().satisfies(p -> {
            assertThat(p.projectId()).isEqualTo(GARDEN);
            assertThat(p.votes()).isEqualTo(2);
            assertThat(p.winner()).isTrue();
        });
        assertThat(tally().scopes()).hasSize(21);
        assertThat(tally().scopes().keySet()).first().isEqualTo("PARIS");
    }

    @Test
    void the_same_ballots_give_the_same_results() {
        assertThat(tally()).isEqualTo(tally());
    }

    @Test
    void a_voters_last_ballot_before_closing_is_the_one_that_counts() {
        var first = online("v", List.of(TREES), null, List.of(), T0.plusSeconds(1));
        var second = online("v", List.of(POOL), null, List.of(), T0.plusSeconds(2));
        var late = online("v", List.of(BIKES), null, List.of(), CLOSE.plusSeconds(1));
        assertThat(BudgetTally.lastInTime(List.of(first, second, late), CLOSE)).isEqualTo(second);
        assertThat(BudgetTally.lastInTime(List.of(late), CLOSE)).isNull();
    }
}
