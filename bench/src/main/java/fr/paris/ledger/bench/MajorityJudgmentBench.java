package fr.paris.ledger.bench;

import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotMethod;
import fr.paris.ledger.budget.BallotNumber;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignPhaseChanged;
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
import fr.paris.ledger.infra.axon.LedgerObjectMapper;
import fr.paris.ledger.shared.ParticipantId;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * Writes a participatory budget campaign voted by majority judgment, at the scale of Paris in 2021 (106,326 voters,
 * about 1.2 million judgments, 13 Paris-wide projects and 17 to 40 per arrondissement), into the event table of a
 * running service, up to the end of its vote: the campaign (created, studied, in VOTING), its projects found feasible,
 * each voter's online ballot (some replaced), and paper ballots in batches entered by one agent and confirmed by
 * another (some of online voters, and some second paper ballots: both set aside by the tally). The bench then moves
 * the campaign to RESULTS through the API (the service tallies and publishes) and runs the verifier's recount on the
 * public export (bench/majority-judgment).
 *
 * <p>The events are the service's own: the domain's event records, serialized by the event store's own mapper
 * ({@link LedgerObjectMapper}), with their {@code @Revision}, the aggregate types and the metadata's shape as the
 * service writes them, in one transaction while nothing else writes (the sealer then seals them like any commit). What
 * this skips is the command side of the acts (tokens, references derived from subjects, the aggregates' checks): it
 * measures the tally, its publication and the recount, not the votes. Run on the application jar's classpath:
 * {@code --jdbc URL [--user postgres] [--year 2021] [--voters 106326] [--seed 2021]}. Prints one JSON line.
 *
 * <p>Like {@link EventGenerator}, it writes {@code domain_event_entry} with SQL of its own, in the bench's process, not
 * through the service's one raw reader ({@code EventScanner} in infra); {@code RawEventReadsTest} allows it.
 */
public final class MajorityJudgmentBench {
    private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
    private static final DateTimeFormatter AXON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int PARIS_PROJECTS = 13;
    private static final int MIN_PER_ARRONDISSEMENT = 17;
    private static final int MAX_PER_ARRONDISSEMENT = 40;
    /** Of the voters: on paper only; online and also on paper (set aside); on paper twice (the second set aside). */
    private static final double PAPER_ONLY = 0.03;
    private static final double PAPER_OF_ONLINE = 0.005;
    private static final double PAPER_TWICE = 0.001;
    /** Online voters who replaced a first ballot. */
    private static final double REPLACED = 0.05;
    /** Voters who name an arrondissement (and so judge its projects). */
    private static final double NAME_ARRONDISSEMENT = 0.93;
    private static final int BATCH_SIZE = 200;

    private final ObjectMapper mapper = LedgerObjectMapper.create();
    private final PreparedStatement insert;
    private final Map<String, Long> sequences = new HashMap<>();
    private long events;
    private int pending;

    private MajorityJudgmentBench(PreparedStatement insert) {
        this.insert = insert;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!o.containsKey("jdbc")) {
            System.err.println("usage: --jdbc URL [--user postgres] [--year 2021] [--voters 106326] [--seed 2021]");
            System.exit(2);
        }
        int year = Integer.parseInt(o.getOrDefault("year", "2021"));
        int voters = Integer.parseInt(o.getOrDefault("voters", "106326"));
        long seed = Long.parseLong(o.getOrDefault("seed", "2021"));
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(o.get("jdbc"), o.getOrDefault("user", "postgres"), o.getOrDefault("password", ""))) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type,
                                                    time_stamp, aggregate_identifier, sequence_number, type)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                MajorityJudgmentBench bench = new MajorityJudgmentBench(insert);
                Map<String, Object> summary = bench.campaign(year, voters, new Random(seed));
                bench.flush();
                c.commit();
                summary.put("events", bench.events);
                summary.put("seconds", (System.nanoTime() - t0) / 1e9);
                System.out.println(new ObjectMapper().writeValueAsString(summary));
            }
        }
    }

    /** A reference as the service shapes them: {@code prefix} and 24 base-32 letters, the same for the same name. */
    static String reference(String prefix, String name) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder(prefix);
            for (int i = 0; i < 24; i++) {
                b.append("abcdefghijklmnopqrstuvwxyz234567".charAt(h[i] & 31));
            }
            return b.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProjectId projectId(int year, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            s.append(ALPHABET.charAt(n % 32));
            n /= 32;
        }
        return new ProjectId("bp" + year + "-" + s.reverse());
    }

    /** One project on the ballot, with how well it is liked (its grades' mean). */
    private record Project(ProjectId id, int scope, double liked) {
    }

    private Map<String, Object> campaign(int year, int voters, Random r) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant created = now.minus(90, ChronoUnit.DAYS);
        Instant votingOpened = now.minus(21, ChronoUnit.DAYS);
        long votingMillis = ChronoUnit.MILLIS.between(votingOpened, now.minus(1, ChronoUnit.HOURS));
        ParticipantId admin = new ParticipantId(reference("s-", "bench-admin"));
        String campaign = "budget-campaign:" + year;
        TreeMap<Integer, Long> envelopes = new TreeMap<>();
        for (int a = 1; a <= 20; a++) {
            envelopes.put(a, 200_000_000L);
        }
        CampaignRules rules = new CampaignRules(3_000_000_000L, envelopes, 4, 4, BallotMethod.MAJORITY_JUDGMENT);
        add(campaign, "Campaign", new CampaignCreated(new CampaignYear(year), rules, admin, created), created);
        add(campaign, "Campaign", new CampaignPhaseChanged(new CampaignYear(year), Phase.PROPOSALS, Phase.FEASIBILITY, admin,
                created.plus(30, ChronoUnit.DAYS)), created.plus(30, ChronoUnit.DAYS));

        // projects: 13 Paris-wide, 17 to 40 in each arrondissement
        List<Project> paris = new ArrayList<>();
        List<List<Project>> local = new ArrayList<>();
        local.add(List.of());
        int n = 0;
        ParticipantId agent = new ParticipantId(reference("s-", "bench-agent-0"));
        for (int scope = 0; scope <= 20; scope++) {
            int count = scope == 0 ? PARIS_PROJECTS
                    : MIN_PER_ARRONDISSEMENT + (scope * 7) % (MAX_PER_ARRONDISSEMENT - MIN_PER_ARRONDISSEMENT + 1);
            List<Project> projects = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ProjectId id = projectId(year, ++n);
                long cost = scope == 0 ? 10_000_000L + r.nextInt(490) * 1_000_000L : 2_000_000L + r.nextInt(58) * 1_000_000L;
                Instant submitted = created.plusSeconds(60L * n);
                add(id.toString(), "BudgetProject", new ProjectSubmitted(id, new CampaignYear(year), new ParticipantId(reference("r-",
                        "bench-author-" + n)), "Project " + n, "A generated project", scope == 0 ? Scope.PARIS
                        : Scope.arrondissement(scope), cost, "bench", submitted), submitted);
                Instant studied = created.plus(40, ChronoUnit.DAYS).plusSeconds(n);
                add(id.toString(), "BudgetProject", new ProjectStudied(id, Verdict.FEASIBLE, cost, null, null, agent, studied),
                        studied);
                projects.add(new Project(id, scope, 0.6 + 1.8 * r.nextDouble()));
            }
            if (scope == 0) {
                paris = projects;
            } else {
                local.add(projects);
            }
        }
        add(campaign, "Campaign", new CampaignPhaseChanged(new CampaignYear(year), Phase.FEASIBILITY, Phase.VOTING, admin, votingOpened),
                votingOpened);

        int paperOnly = (int) Math.round(voters * PAPER_ONLY);
        int online = voters - paperOnly;
        long judgments = 0;
        long replaced = 0;
        long onlineEvents = 0;
        List<PaperBallot> paper = new ArrayList<>();
        for (int v = 0; v < voters; v++) {
            ParticipantId voter = new ParticipantId(reference("r-", "bench-voter-" + year + "-" + v));
            Ballot ballot = ballot(r, paris, local);
            if (v < online) {
                String aggregate = "budget-ballot:" + year + ":" + voter.value();
                Instant at = votingOpened.plusMillis((long) (r.nextDouble() * votingMillis));
                long sequence = 0;
                if (r.nextDouble() < REPLACED) {
                    Ballot first = ballot(r, paris, local);
                    add(aggregate, "Ballot", new BallotCast(new CampaignYear(year), voter, List.of(), first.arrondissement, List.of(), first.grades,
                            at.minusSeconds(3_600)), at.minusSeconds(3_600), sequence++);
                    replaced++;
                    onlineEvents++;
                }
                add(aggregate, "Ballot", new BallotCast(new CampaignYear(year), voter, List.of(), ballot.arrondissement, List.of(), ballot.grades, at),
                        at, sequence);
                onlineEvents++;
                judgments += ballot.grades.size();
                if (r.nextDouble() < PAPER_OF_ONLINE / (1 - PAPER_ONLY)) {
                    paper.add(new PaperBallot(voter, ballot(r, paris, local)));   // set aside: the online ballot stands
                }
            } else {
                paper.add(new PaperBallot(voter, ballot));
                judgments += ballot.grades.size();
                if (r.nextDouble() < PAPER_TWICE / PAPER_ONLY) {
                    paper.add(new PaperBallot(voter, ballot(r, paris, local)));   // a second paper ballot: set aside
                }
            }
        }
        java.util.Collections.shuffle(paper, r);
        int batches = 0;
        for (int from = 0; from < paper.size(); from += BATCH_SIZE) {
            List<PaperBallot> urn = paper.subList(from, Math.min(paper.size(), from + BATCH_SIZE));
            String batchId = "b" + (++batches);
            ParticipantId enteredBy = new ParticipantId(reference("s-", "bench-agent-" + batches));
            ParticipantId confirmedBy = new ParticipantId(reference("s-", "bench-agent-" + (batches + 1)));
            Instant opened = votingOpened.plus(20, ChronoUnit.DAYS).plusSeconds(batches);
            add(campaign, "Campaign", new PaperBatchOpened(new CampaignYear(year), batchId, "urn-" + batches, urn.size(), enteredBy, opened), opened);
            String aggregate = "budget-paper-batch:" + year + ":" + batchId;
            int number = from;
            for (PaperBallot p : urn) {
                Instant at = opened.plusSeconds(++number % BATCH_SIZE + 1L);
                add(aggregate, "PaperBatch", new PaperBallotEntered(new CampaignYear(year), batchId, new BallotNumber(String.format("P-%07d", number)), p.voter,
                        List.of(), p.ballot.arrondissement, List.of(), p.ballot.grades, enteredBy, at), at);
            }
            Instant confirmed = opened.plusSeconds(3_600);
            add(aggregate, "PaperBatch", new PaperBatchConfirmed(new CampaignYear(year), batchId, urn.size(), 0, confirmedBy, confirmed), confirmed);
        }
        int projects = paris.size();
        for (List<Project> l : local) {
            projects += l.size();
        }
        Map<String, Object> summary = new java.util.LinkedHashMap<>();
        summary.put("year", year);
        summary.put("voters", voters);
        summary.put("online", online);
        summary.put("paperOnly", paperOnly);
        summary.put("paperBallots", paper.size());
        summary.put("paperBatches", batches);
        summary.put("replaced", replaced);
        summary.put("onlineBallotEvents", onlineEvents);
        summary.put("judgments", judgments);
        summary.put("projects", projects);
        return summary;
    }

    private record Ballot(Integer arrondissement, TreeMap<String, Integer> grades) {
    }

    private record PaperBallot(ParticipantId voter, Ballot ballot) {
    }

    /** 1 to 13 Paris-wide projects graded; with an arrondissement named, 0 to 9 of its projects (about 11 judgments on average). */
    private static Ballot ballot(Random r, List<Project> paris, List<List<Project>> local) {
        TreeMap<String, Integer> grades = new TreeMap<>();
        pick(r, paris, 1 + r.nextInt(paris.size()), grades);
        Integer arrondissement = null;
        if (r.nextDouble() < NAME_ARRONDISSEMENT) {
            arrondissement = 1 + r.nextInt(20);
            pick(r, local.get(arrondissement), r.nextInt(10), grades);
        }
        return new Ballot(arrondissement, grades);
    }

    /** Grades {@code k} distinct projects of {@code from}, each around how well it is liked. */
    private static void pick(Random r, List<Project> from, int k, Map<String, Integer> grades) {
        int[] order = new int[from.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = 0; i < Math.min(k, order.length); i++) {
            int j = i + r.nextInt(order.length - i);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
            Project p = from.get(order[i]);
            int grade = (int) Math.round(p.liked + r.nextGaussian() * 1.1);
            grades.put(p.id.value(), Math.max(0, Math.min(3, grade)));
        }
    }

    /** Appends an event at the next sequence number of its aggregate (campaign, projects, batches: a few hundred). */
    private void add(String aggregate, String aggregateType, Object event, Instant at) throws Exception {
        add(aggregate, aggregateType, event, at, sequences.merge(aggregate, 0L, (x, y) -> x + 1));
    }

    /** Appends an event at the given sequence number (a voter's ballots: nothing is kept per voter). */
    private void add(String aggregate, String aggregateType, Object event, Instant at, long sequence) throws Exception {
        insert.setString(1, UUID.randomUUID().toString());
        String trace = UUID.randomUUID().toString();
        insert.setBytes(2, ("{\"traceId\":\"" + trace + "\",\"correlationId\":\"" + trace + "\"}").getBytes(StandardCharsets.UTF_8));
        insert.setBytes(3, mapper.writeValueAsBytes(event));
        insert.setString(4, event.getClass().getAnnotation(Revision.class).value());
        insert.setString(5, event.getClass().getName());
        insert.setString(6, AXON_TIME.format(at));
        insert.setString(7, aggregate);
        insert.setLong(8, sequence);
        insert.setString(9, aggregateType);
        insert.addBatch();
        events++;
        if (++pending == 1_000) {
            flush();
        }
    }

    private void flush() throws Exception {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }
}
