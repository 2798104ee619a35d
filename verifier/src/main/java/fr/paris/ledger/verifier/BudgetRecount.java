package fr.paris.ledger.verifier;

import fr.paris.ledger.budget.BallotCast;
import fr.paris.ledger.budget.BallotWithdrawn;
import fr.paris.ledger.budget.BudgetResults;
import fr.paris.ledger.budget.BudgetTally;
import fr.paris.ledger.budget.CampaignCreated;
import fr.paris.ledger.budget.CampaignFacts;
import fr.paris.ledger.budget.CampaignPhaseChanged;
import fr.paris.ledger.budget.CampaignResultsPublished;
import fr.paris.ledger.budget.PaperBallotEntered;
import fr.paris.ledger.budget.PaperBatchOpened;
import fr.paris.ledger.budget.ProjectFacts;
import fr.paris.ledger.budget.ProjectStudied;
import fr.paris.ledger.budget.ProjectSubmitted;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code recount}, budget campaigns: for each campaign with a CampaignResultsPublished event,
 * recomputes the results with the domain's {@link BudgetTally} as the service does, and compares
 * them with the recorded ones (record equality).
 *
 * <ul>
 * <li>rules and close of voting: the campaign's events ({@code budget-campaign:<year>}) folded with
 * {@link CampaignFacts#apply};</li>
 * <li>projects: each {@code budget-project:bp<year>-...} aggregate folded with {@link ProjectFacts#apply},
 * sorted by submission time then id;</li>
 * <li>paper ballots ({@code budget-paper-batch:<year>:<batchId>}, see {@link PaperBatchRecount}): those
 * of the batches confirmed under the countersigning rules (the batch's opening, with its agent and
 * declared count, is a PaperBatchOpened of the campaign), never a voided or spoiled one nor one of a
 * batch abandoned or still open, fed in <em>global index</em> order, as the service does (the export
 * carries {@code globalIndex}; leaf order differs from it only for late commits), less those set aside
 * (PaperBallotSetAside, the voter's erasure while voting was open): a ballot set aside stays entered
 * but is not fed to the tally at all, so it is neither counted nor counted as set aside by the tally,
 * and the voter's online ballot, if any, stands alone;</li>
 * <li>online ballots ({@code budget-ballot:<year>:<voter>}): each voter's ballots in sequence order
 * through {@link BudgetTally#lastInTime}, folded as they come in the second pass (one ballot kept per
 * voter), then {@link BudgetTally#online}. A BallotWithdrawn drops the ballots before it: only a
 * ballot cast after the withdrawal counts.</li>
 * </ul>
 *
 * This is the service's own audit tally (BudgetAudit in the projections module), written again from
 * the export. Memory grows with projects, paper ballots and voters (one ballot each), not with ballots cast.
 */
final class BudgetRecount {
    static final String BUDGET = "fr.paris.ledger.budget.";
    static final String CAMPAIGN = "budget-campaign:";
    static final String PROJECT = "budget-project:bp";
    static final String BATCH = "budget-paper-batch:";
    static final String ONLINE = "budget-ballot:";

    private static final class Voter {
        long lastSequence = -1;
        BallotCast counted;
    }

    private static final class Campaign {
        CampaignFacts facts;
        CampaignResultsPublished published;
        final Map<String, ProjectFacts> projects = new LinkedHashMap<>();
        final Map<String, Long> projectSequences = new HashMap<>();
        final PaperBatchRecount paper = new PaperBatchRecount();
        final Map<String, Voter> voters = new HashMap<>();
        long withdrawals;
    }

    private final Map<Integer, Campaign> campaigns = new TreeMap<>();

    /** First pass: campaigns (with their paper batches' openings), projects and paper batches. */
    void first(ExportEvents.Event e) throws IOException {
        String type = e.payloadType();
        if (!type.startsWith(BUDGET)) {
            return;
        }
        String agg = e.aggregateId();
        if (agg.startsWith(CAMPAIGN)) {
            Integer year = year(agg.substring(CAMPAIGN.length()));
            if (year == null) {
                return;
            }
            Object event = switch (type.substring(BUDGET.length())) {
                case "CampaignCreated" -> e.as(CampaignCreated.class);
                case "CampaignPhaseChanged" -> e.as(CampaignPhaseChanged.class);
                case "CampaignResultsPublished" -> e.as(CampaignResultsPublished.class);
                case "PaperBatchOpened" -> e.as(PaperBatchOpened.class);
                default -> null;
            };
            if (event != null) {
                Campaign c = campaign(year);
                c.facts = CampaignFacts.apply(c.facts, event);
                if (event instanceof CampaignResultsPublished published) {
                    c.published = published;
                }
            }
        } else if (agg.startsWith(PROJECT) && agg.length() >= PROJECT.length() + 5) {
            Integer year = year(agg.substring(PROJECT.length(), PROJECT.length() + 4));
            Object event = switch (type.substring(BUDGET.length())) {
                case "ProjectSubmitted" -> e.as(ProjectSubmitted.class);
                case "ProjectStudied" -> e.as(ProjectStudied.class);
                default -> null;
            };
            if (year != null && event != null) {
                Campaign c = campaign(year);
                Long last = c.projectSequences.put(agg, e.sequenceNumber());
                if (last != null && e.sequenceNumber() <= last) {
                    throw outOfSequence(e, last);
                }
                c.projects.put(agg, ProjectFacts.apply(c.projects.get(agg), event));
            }
        } else if (agg.startsWith(BATCH)) {
            String rest = agg.substring(BATCH.length());
            Integer year = yearBeforeColon(rest);
            if (year != null) {
                campaign(year).paper.accept(rest.substring(rest.indexOf(':') + 1), e);
            }
        }
    }

    /** Second pass: online ballots (and their withdrawals) of campaigns whose results were recorded, one kept per voter. */
    void second(ExportEvents.Event e) throws IOException {
        String agg = e.aggregateId();
        boolean cast = e.payloadType().equals(BUDGET + "BallotCast");
        if (!agg.startsWith(ONLINE) || !cast && !e.payloadType().equals(BUDGET + "BallotWithdrawn")) {
            return;
        }
        Integer year = yearBeforeColon(agg.substring(ONLINE.length()));
        Campaign c = year == null ? null : campaigns.get(year);
        if (c == null || c.published == null || c.facts == null) {
            return;
        }
        Voter v = c.voters.computeIfAbsent(agg, k -> new Voter());
        if (e.sequenceNumber() <= v.lastSequence) {
            throw outOfSequence(e, v.lastSequence);
        }
        v.lastSequence = e.sequenceNumber();
        if (!cast) {
            e.as(BallotWithdrawn.class); // read all the same: an unreadable payload is named
            c.withdrawals++;
            v.counted = null; // withdrawn (while voting was open): only a later ballot counts, as in BudgetAudit
            return;
        }
        BallotCast b = e.as(BallotCast.class);
        // lastInTime over this voter's ballots so far: the one counted until now, then this one
        BallotCast counted = BudgetTally.lastInTime(v.counted == null ? List.of(b) : Arrays.asList(v.counted, b),
                c.facts.votingClosedAt());
        v.counted = counted;
    }

    private static IOException outOfSequence(ExportEvents.Event e, long last) {
        return new IOException("leaf " + e.leafIndex() + ": aggregate " + e.aggregateId() + " has sequence number "
                + e.sequenceNumber() + " after " + last + " (an aggregate's events must be in sequence order)");
    }

    private Campaign campaign(int year) {
        return campaigns.computeIfAbsent(year, k -> new Campaign());
    }

    private static Integer year(String s) {
        if (!s.matches("\\d{4}")) {
            return null;
        }
        return Integer.parseInt(s);
    }

    private static Integer yearBeforeColon(String s) {
        int colon = s.indexOf(':');
        return colon < 0 ? null : year(s.substring(0, colon));
    }

    /** The recount of one campaign, from what the two passes gathered. */
    static BudgetResults tally(int year, CampaignFacts facts, Iterable<ProjectFacts> projects, List<PaperBallotEntered> paperInOrder,
                               Iterable<BallotCast> counted) {
        BudgetTally tally = new BudgetTally(year, facts.rules(), facts.votingClosedAt(), projects);
        paperInOrder.forEach(tally::paper);
        counted.forEach(tally::online);
        return tally.finish();
    }

    /** Prints one line per campaign with recorded results; returns {campaigns, differing}. */
    long[] report(PrintStream out) {
        long n = 0;
        long differ = 0;
        for (Map.Entry<Integer, Campaign> entry : campaigns.entrySet()) {
            Campaign c = entry.getValue();
            if (c.published == null) {
                continue;
            }
            n++;
            int year = entry.getKey();
            BudgetResults recorded = c.published.results();
            String difference;
            BudgetResults recounted = null;
            List<String> problems = new ArrayList<>();
            if (c.facts == null) {
                difference = "no CampaignCreated event for budget-campaign:" + year;
            } else {
                List<ProjectFacts> projects = new ArrayList<>();
                for (ProjectFacts p : c.projects.values()) {
                    if (p != null) {
                        projects.add(p);
                    }
                }
                projects.sort(Comparator.comparing(ProjectFacts::submittedAt).thenComparing(p -> p.id().value()));
                List<PaperBallotEntered> paper = c.paper.counted(c.facts, problems);
                List<BallotCast> counted = new ArrayList<>();
                for (Voter v : c.voters.values()) {
                    if (v.counted != null) {
                        counted.add(v.counted);
                    }
                }
                recounted = tally(year, c.facts, projects, paper, counted);
                difference = !recounted.equals(recorded) ? firstDifference(recorded, recounted)
                        : problems.isEmpty() ? null : "paper " + problems.get(0);
            }
            if (difference != null) {
                differ++;
            }
            out.println((difference == null ? "OK   " : "DIFF ") + "budget " + year + ": recorded " + recorded.ballots()
                    + " ballots, recounted " + (recounted == null ? "-" : Long.toString(recounted.ballots())) + ", results "
                    + (difference == null ? "equal" : "DIFFER (first difference: " + difference + ")")
                    + (c.withdrawals == 0 && c.paper.setAside() == 0 ? "" : "; left out: " + c.withdrawals
                    + " BallotWithdrawn, " + c.paper.setAside() + " PaperBallotSetAside")
                    + c.paper.summary() + (problems.isEmpty() ? "" : "; rules broken: " + String.join("; ", problems)));
        }
        return new long[] {n, differ};
    }

    /** Names the first field where two results differ, e.g. {@code scopes.PARIS.projects[0].votes: recorded 3, recounted 2}. */
    static String firstDifference(BudgetResults a, BudgetResults b) {
        if (a.year() != b.year()) {
            return diff("year", a.year(), b.year());
        }
        if (a.ballots() != b.ballots()) {
            return diff("ballots", a.ballots(), b.ballots());
        }
        if (a.paperBallotsSetAside() != b.paperBallotsSetAside()) {
            return diff("paperBallotsSetAside", a.paperBallotsSetAside(), b.paperBallotsSetAside());
        }
        String d = mapDifference("ballotsByChannel", a.ballotsByChannel(), b.ballotsByChannel());
        if (d != null) {
            return d;
        }
        d = mapDifference("ballotsByArrondissement", a.ballotsByArrondissement(), b.ballotsByArrondissement());
        if (d != null) {
            return d;
        }
        TreeSet<String> scopes = new TreeSet<>(a.scopes() == null ? Map.<String, Object>of().keySet() : a.scopes().keySet());
        if (b.scopes() != null) {
            scopes.addAll(b.scopes().keySet());
        }
        for (String scope : scopes) {
            BudgetResults.ScopeResult x = a.scopes() == null ? null : a.scopes().get(scope);
            BudgetResults.ScopeResult y = b.scopes() == null ? null : b.scopes().get(scope);
            String at = "scopes." + scope;
            if (x == null || y == null) {
                return diff(at, x, y);
            }
            if (x.envelopeCents() != y.envelopeCents()) {
                return diff(at + ".envelopeCents", x.envelopeCents(), y.envelopeCents());
            }
            if (x.usedCents() != y.usedCents()) {
                return diff(at + ".usedCents", x.usedCents(), y.usedCents());
            }
            List<BudgetResults.ProjectResult> px = x.projects() == null ? List.of() : x.projects();
            List<BudgetResults.ProjectResult> py = y.projects() == null ? List.of() : y.projects();
            for (int i = 0; i < Math.max(px.size(), py.size()); i++) {
                BudgetResults.ProjectResult p = i < px.size() ? px.get(i) : null;
                BudgetResults.ProjectResult q = i < py.size() ? py.get(i) : null;
                if (!Objects.equals(p, q)) {
                    String pat = at + ".projects[" + i + "]";
                    if (p == null || q == null || !Objects.equals(p.projectId(), q.projectId())) {
                        return diff(pat, p, q);
                    }
                    if (p.votes() != q.votes()) {
                        return diff(pat + " " + p.projectId().value() + " votes", p.votes(), q.votes());
                    }
                    return diff(pat, p, q);
                }
            }
        }
        return "the results differ";
    }

    private static String mapDifference(String name, Map<String, Long> a, Map<String, Long> b) {
        if (Objects.equals(a, b)) {
            return null;
        }
        if (a == null || b == null) {
            return diff(name, a, b);
        }
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        for (Iterator<String> it = keys.iterator(); it.hasNext(); ) {
            String k = it.next();
            if (!Objects.equals(a.get(k), b.get(k))) {
                return diff(name + "." + k, a.get(k), b.get(k));
            }
        }
        return diff(name, a, b);
    }

    private static String diff(String what, Object recorded, Object recounted) {
        return what + ": recorded " + recorded + ", recounted " + recounted;
    }
}
