package fr.paris.ledger.verifier;

import static fr.paris.ledger.verifier.BudgetRecountTest.ADMIN;
import static fr.paris.ledger.verifier.BudgetRecountTest.AGENT;
import static fr.paris.ledger.verifier.BudgetRecountTest.CAMPAIGN;
import static fr.paris.ledger.verifier.BudgetRecountTest.CLOSE;
import static fr.paris.ledger.verifier.BudgetRecountTest.COUNTERSIGNER;
import static fr.paris.ledger.verifier.BudgetRecountTest.T0;
import static fr.paris.ledger.verifier.BudgetRecountTest.VOTING;
import static fr.paris.ledger.verifier.BudgetRecountTest.YEAR;
import static fr.paris.ledger.verifier.BudgetRecountTest.ballotOf;
import static fr.paris.ledger.verifier.BudgetRecountTest.batchOf;
import static fr.paris.ledger.verifier.BudgetRecountTest.voter;
import static org.assertj.core.api.Assertions.assertThat;

import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotCounter;
import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.BallotWithdrawn;
import fr.paris.ledger.budget.BudgetTally;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignResultsPublished;
import fr.paris.ledger.budget.CampaignRules;
import fr.paris.ledger.budget.CampaignYear;
import fr.paris.ledger.budget.MajorityJudgmentResultsPublished;
import fr.paris.ledger.budget.MajorityJudgmentTally;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBatchConfirmed;
import fr.paris.ledger.budget.PaperBatchOpened;
import fr.paris.ledger.budget.Phase;
import fr.paris.ledger.budget.ProjectFacts;
import fr.paris.ledger.budget.ProjectId;
import fr.paris.ledger.budget.ProjectStudied;
import fr.paris.ledger.budget.ProjectSubmitted;
import fr.paris.ledger.budget.Scope;
import fr.paris.ledger.budget.Verdict;
import fr.paris.ledger.petition.PetitionDeclined;
import fr.paris.ledger.petition.PetitionFacts;
import fr.paris.ledger.petition.PetitionId;
import fr.paris.ledger.petition.PetitionPlacedOnCouncilAgenda;
import fr.paris.ledger.petition.PetitionPublished;
import fr.paris.ledger.petition.PetitionSigned;
import fr.paris.ledger.petition.PetitionStatus;
import fr.paris.ledger.petition.PetitionWithdrawn;
import fr.paris.ledger.petition.SignatureRecount;
import fr.paris.ledger.shared.ParticipantId;
import fr.paris.ledger.sortition.ApplicationId;
import fr.paris.ledger.sortition.CouncilRules;
import fr.paris.ledger.sortition.DrawAlgorithm;
import fr.paris.ledger.sortition.PoolEntry;
import fr.paris.ledger.sortition.PoolHash;
import fr.paris.ledger.sortition.RandomSource;
import fr.paris.ledger.sortition.SortitionDraw;
import fr.paris.ledger.sortition.SortitionKey;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier's re-implementations and the domain's rules, run on the same generated inputs, agree: the draw (pool
 * hash, key string, selection of both algorithms), the mandate's end, the approval and majority-judgment tallies (whole
 * campaigns recounted from an export whose results the domain's tally computed), and the petition count (window,
 * residence, threshold). Tests may use the domain's rules; the verifier's main code may not (VerifierIndependenceTest).
 */
class DomainAgreementTest {
    @TempDir
    Path dir;

    static ApplicationId app(int n) {
        return new ApplicationId(String.format("app-%012d", n));
    }

    @Test
    void theDrawAgreesWithTheDomains() {
        Random random = new Random(3797);
        String[] groups = {"F", "M", "ALL", "x_1"};
        for (int round = 0; round < 300; round++) {
            List<PoolEntry> pool = new ArrayList<>();
            int size = random.nextInt(40);
            for (int i = 0; i < size; i++) {
                pool.add(new PoolEntry(app(random.nextInt(1_000_000)), groups[random.nextInt(groups.length)]));
            }
            List<RandomSource> sources = new ArrayList<>();
            for (int s = 1 + random.nextInt(3); s > 0; s--) {
                if (random.nextBoolean()) {
                    sources.add(RandomSource.text(Long.toHexString(random.nextLong() & Long.MAX_VALUE)));
                } else {
                    List<Long> numbers = new ArrayList<>();
                    for (int n = 1 + random.nextInt(6); n > 0; n--) {
                        numbers.add((long) random.nextInt(100));
                    }
                    sources.add(new RandomSource(numbers, null));
                }
            }
            boolean rfc = random.nextInt(4) == 0;
            Map<String, Integer> seats = new TreeMap<>();
            for (String g : rfc ? new String[] {groups[random.nextInt(groups.length)]} : groups) {
                if (rfc || random.nextBoolean()) {
                    seats.put(g, random.nextInt(8));
                }
            }
            int alternates = random.nextInt(4);
            String what = "round " + round;
            assertThat(Sortition.poolHash(pool)).as(what).isEqualTo(PoolHash.of(pool));
            assertThat(Sortition.keyString(sources)).as(what).isEqualTo(SortitionKey.of(sources));
            DrawAlgorithm algorithm = rfc ? DrawAlgorithm.RFC3797 : DrawAlgorithm.SHA256_V1;
            SortitionDraw.Outcome domain = SortitionDraw.draw(algorithm, pool, seats, alternates, sources);
            Sortition.Outcome verifier = Sortition.draw(algorithm.publishedName(), pool, seats, alternates, sources);
            assertThat(verifier.selected()).as(what).isEqualTo(domain.selected());
            assertThat(verifier.alternates()).as(what).isEqualTo(domain.alternates());
        }
    }

    @Test
    void theMandatesEndAgreesWithTheDomains() {
        Random random = new Random(24);
        for (int round = 0; round < 500; round++) {
            // any instant of 2024 to 2031, daylight saving changes and month ends included
            Instant start = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(8 * 366 * 86_400));
            int months = 1 + random.nextInt(48);
            CouncilRules rules = new CouncilRules(1, null, null, false, Map.of("ALL", 1), months, false);
            assertThat(new SeatRecount.Rules(Map.of("ALL", 1), months, false).mandateEnd(start)).as(start + " + " + months)
                    .isEqualTo(rules.mandateEnd(start));
        }
    }

    /** A generated campaign: its export so far, and what the service's tally is fed. */
    private record Campaign(EventLog log, CampaignRules rules, List<ProjectFacts> projects, List<PaperBallotEntered> paper,
                            List<BallotCast> counted) {
        <R> R tally(BallotCounter counter, Function<BallotCounter, R> finish) {
            paper.forEach(counter::paper);
            counted.forEach(counter::online);
            return finish.apply(counter);
        }
    }

    private static <T> List<T> some(Random random, List<T> from, int most) {
        List<T> copy = new ArrayList<>(from);
        Collections.shuffle(copy, random);
        return List.copyOf(copy.subList(0, random.nextInt(Math.min(most, copy.size()) + 1)));
    }

    /** A ballot's content, valid under the campaign's method: choices, or grades; null if it could choose nothing. */
    private static Object[] content(Random random, boolean judged, Map<String, List<ProjectId>> onBallot) {
        Integer arr = random.nextInt(4) == 0 ? null : 1 + random.nextInt(3);
        List<ProjectId> paris = onBallot.getOrDefault("PARIS", List.of());
        List<ProjectId> local = arr == null ? List.of() : onBallot.getOrDefault(arr.toString(), List.of());
        if (judged) {
            List<ProjectId> graded = new ArrayList<>(some(random, paris, paris.size()));
            graded.addAll(some(random, local, local.size()));
            if (graded.isEmpty()) {
                return null;
            }
            TreeMap<String, Integer> grades = new TreeMap<>();
            graded.forEach(p -> grades.put(p.value(), random.nextInt(4)));
            return new Object[] {List.of(), arr, List.of(), grades};
        }
        List<ProjectId> chosenParis = some(random, paris, 3);
        List<ProjectId> chosenLocal = some(random, local, 3);
        if (chosenParis.isEmpty() && chosenLocal.isEmpty()) {
            return null;
        }
        return new Object[] {chosenParis, chosenLocal.isEmpty() ? null : arr, chosenLocal, null};
    }

    @SuppressWarnings("unchecked")
    private static BallotCast cast(String name, Object[] c, Instant at) {
        return new BallotCast(new CampaignYear(YEAR), voter(name), (List<ProjectId>) c[0], (Integer) c[1], (List<ProjectId>) c[2],
                (TreeMap<String, Integer>) c[3], at);
    }

    @SuppressWarnings("unchecked")
    private static PaperBallotEntered entered(String batch, String number, String name, Object[] c, Instant at) {
        return new PaperBallotEntered(new CampaignYear(YEAR), batch, new BallotNumber(number), voter(name), (List<ProjectId>) c[0], (Integer) c[1],
                (List<ProjectId>) c[2], (TreeMap<String, Integer>) c[3], AGENT, at);
    }

    /**
     * A campaign with projects in PARIS and the first three arrondissements (some not feasible, some studied twice, costs
     * and submission times that tie), online voters who replace, withdraw or vote late, and paper ballots in confirmed
     * batches, some of online voters and some second ones.
     */
    static Campaign generate(Random random, boolean judged) {
        CampaignRules rules = judged ? MajorityJudgmentRecountTest.rules() : BudgetRecountTest.rules();
        EventLog log = new EventLog();
        log.add(CAMPAIGN, new CampaignCreated(new CampaignYear(YEAR), rules, ADMIN, T0));
        List<ProjectFacts> projects = new ArrayList<>();
        Map<String, List<ProjectId>> onBallot = new HashMap<>();
        int n = 2 + random.nextInt(10);
        for (int i = 0; i < n; i++) {
            ProjectId id = new ProjectId(String.format("bp%d-%05d%05d", YEAR, random.nextInt(100_000), i));
            Scope scope = random.nextBoolean() ? Scope.PARIS : Scope.arrondissement(1 + random.nextInt(3));
            ProjectSubmitted submitted = new ProjectSubmitted(id, new CampaignYear(YEAR), EventLog.citizen("author" + i), "P" + i, "A project", scope,
                    20_000L * (1 + random.nextInt(3)), null, T0.plusSeconds(60L * random.nextInt(4)));
            log.add(id.toString(), submitted);
            ProjectFacts facts = ProjectFacts.apply(null, submitted);
            for (int k = random.nextInt(4) == 0 ? 2 : 1; k > 0; k--) {
                boolean feasible = random.nextInt(5) != 0;
                ProjectStudied studied = new ProjectStudied(id, feasible ? Verdict.FEASIBLE : Verdict.NOT_FEASIBLE,
                        feasible ? 10_000L * (1 + random.nextInt(6)) : null, feasible ? null : "no", null, AGENT,
                        T0.plusSeconds(86_400L + k));
                log.add(id.toString(), studied);
                facts = ProjectFacts.apply(facts, studied);
            }
            projects.add(facts);
            if (facts.onTheBallot()) {
                onBallot.computeIfAbsent(scope.value(), k -> new ArrayList<>()).add(id);
            }
        }
        log.add(CAMPAIGN, new CampaignPhaseChanged(new CampaignYear(YEAR), Phase.FEASIBILITY, Phase.VOTING, ADMIN, VOTING));

        List<BallotCast> counted = new ArrayList<>();
        Map<String, BallotCast> late = new TreeMap<>();
        int voters = random.nextInt(15);
        long t = 0;
        for (int v = 0; v < voters; v++) {
            String name = "v" + v;
            List<BallotCast> standing = new ArrayList<>();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                Instant at = VOTING.plusSeconds(++t);
                if (random.nextInt(6) == 0) {
                    log.add(ballotOf(name), new BallotWithdrawn(new CampaignYear(YEAR), voter(name), at));
                    standing.clear(); // a withdrawal drops the ballots cast before it
                    continue;
                }
                Object[] c = content(random, judged, onBallot);
                if (c != null) {
                    BallotCast b = cast(name, c, at);
                    log.add(ballotOf(name), b);
                    standing.add(b);
                }
            }
            BallotCast last = BudgetTally.lastInTime(standing, CLOSE);
            if (last != null) {
                counted.add(last);
            }
            Object[] c = random.nextInt(8) == 0 ? content(random, judged, onBallot) : null;
            if (c != null) {
                late.put(name, cast(name, c, CLOSE.plusMillis(1 + v)));
            }
        }

        List<PaperBallotEntered> paper = new ArrayList<>();
        int number = 0;
        for (int b = random.nextInt(3); b > 0; b--) {
            String batch = "b" + b;
            List<PaperBallotEntered> entries = new ArrayList<>();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                String name = random.nextBoolean() && voters > 0 ? "v" + random.nextInt(voters) : "p" + random.nextInt(4);
                Object[] c = content(random, judged, onBallot);
                if (c != null) {
                    entries.add(entered(batch, "N-" + ++number, name, c, VOTING.plusSeconds(++t)));
                }
            }
            log.add(CAMPAIGN, new PaperBatchOpened(new CampaignYear(YEAR), batch, "urn-" + batch, entries.size(), AGENT, VOTING));
            entries.forEach(e -> log.add(batchOf(batch), e));
            log.add(batchOf(batch), new PaperBatchConfirmed(new CampaignYear(YEAR), batch, entries.size(), 0, COUNTERSIGNER, VOTING.plusSeconds(++t)));
            paper.addAll(entries);
        }
        BudgetRecountTest.close(log);
        late.forEach((name, b) -> log.add(ballotOf(name), b)); // cast after the close: never counted
        return new Campaign(log, rules, projects, paper, counted);
    }

    @Test
    void theApprovalTallyAgreesWithTheDomainsOnGeneratedCampaigns() throws Exception {
        recountsAgree(new Random(2014), false, c -> new CampaignResultsPublished(new CampaignYear(YEAR),
                c.tally(new BudgetTally(new CampaignYear(YEAR), c.rules(), CLOSE, c.projects()), t -> ((BudgetTally) t).finish()), CLOSE.plusSeconds(2)));
    }

    @Test
    void theMajorityJudgmentCountAgreesWithTheDomainsOnGeneratedCampaigns() throws Exception {
        recountsAgree(new Random(2021), true, c -> new MajorityJudgmentResultsPublished(new CampaignYear(YEAR),
                c.tally(new MajorityJudgmentTally(new CampaignYear(YEAR), c.rules(), CLOSE, c.projects()), t -> ((MajorityJudgmentTally) t).finish()),
                CLOSE.plusSeconds(2)));
    }

    /** Forty generated campaigns, each with the results the domain's tally gives ({@code published}): each recounts OK. */
    private void recountsAgree(Random random, boolean judged, Function<Campaign, Object> published) throws Exception {
        for (int round = 0; round < 40; round++) {
            Campaign c = generate(random, judged);
            c.log().add(CAMPAIGN, published.apply(c));
            EventLog.Result r = c.log().recount(dir);
            assertThat(r.status()).as("round " + round + ": " + r.out()).isZero();
            assertThat(r.out()).contains("OK   budget 2026" + (judged ? " (majority judgment)" : "") + ": recorded ");
        }
    }

    @Test
    void thePetitionCountAgreesWithTheDomainsOnGeneratedPetitions() throws Exception {
        Random random = new Random(5000);
        PetitionId id = new PetitionId("pet-0123456789ab");
        Instant opens = Instant.parse("2026-01-01T00:00:00Z");
        int eligible = 0;
        for (int round = 0; round < 12; round++) {
            // every fourth petition gathers enough signatures, most of them early, to reach the threshold
            boolean big = round % 4 == 0;
            Instant closes = opens.plusSeconds(100_000 + random.nextInt(100_000));
            Instant decided = opens.plusSeconds(50_000 + random.nextInt(200_000));
            Instant withdrawn = !big && random.nextBoolean() ? opens.plusSeconds(random.nextInt(250_000)) : null;
            EventLog log = new EventLog();
            PetitionPublished published = new PetitionPublished(id, EventLog.staff("agent"), opens, closes);
            log.add(id.aggregateId(), published);
            PetitionFacts facts = PetitionFacts.apply(new PetitionFacts(id, "", PetitionStatus.PENDING_MODERATION, null), published);
            if (withdrawn != null) {
                PetitionWithdrawn w = new PetitionWithdrawn(id, EventLog.citizen("author"), "no", withdrawn);
                log.add(id.aggregateId(), w);
                facts = PetitionFacts.apply(facts, w);
            }
            int signers = big ? 6_500 + random.nextInt(1_500) : random.nextInt(300);
            List<PetitionSigned> signatures = new ArrayList<>();
            for (int s = 0; s < signers; s++) {
                ParticipantId who = EventLog.citizen(id.value() + ":s" + s);
                int arrondissement = random.nextInt(30) == 0 ? random.nextInt(2) * 21 : 1 + random.nextInt(20);
                Instant at = opens.plusSeconds(-5_000 + random.nextInt(big ? 55_000 : 260_000));
                PetitionSigned signed = new PetitionSigned(id, who, arrondissement, at);
                log.add("signature:" + id.value() + ":" + who.value(), signed);
                signatures.add(signed);
            }
            // the domain's count, as of the decision: the window as its PetitionFacts folds it, each signer their own
            SignatureRecount recount = new SignatureRecount(PetitionFacts.apply(facts, new PetitionDeclined(id, null, "", 0, decided))
                    .window(), decided);
            for (PetitionSigned s : signatures) {
                recount.accept(s.participantId().value(), s);
            }
            SignatureRecount.Result expected = recount.finish();
            ParticipantId cpdp = EventLog.staff("cpdp");
            log.add(id.aggregateId(), expected.eligible()
                    ? new PetitionPlacedOnCouncilAgenda(id, cpdp, LocalDate.parse("2026-06-01"), expected.validSignatures(),
                            expected.thresholdReachedAt(), decided)
                    : new PetitionDeclined(id, cpdp, "no", expected.validSignatures(), decided));
            EventLog.Result r = log.recount(dir);
            assertThat(r.status()).as("round " + round + ": " + r.out()).isZero();
            assertThat(r.out()).contains("recount gives " + expected.validSignatures() + " (withdrawn 0, outside window "
                    + expected.outsideWindow() + ", not resident " + expected.notResident() + ", duplicate 0)");
            if (expected.eligible()) {
                eligible++;
                assertThat(r.out()).contains("eligible yes, threshold reached at " + expected.thresholdReachedAt());
            }
        }
        assertThat(eligible).as("petitions that reached the threshold").isEqualTo(3);
    }
}
